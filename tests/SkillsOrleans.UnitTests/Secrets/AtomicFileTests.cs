using SkillsOrleans.RuntimeHost.Secrets;

namespace SkillsOrleans.UnitTests.Secrets;

/// <summary>The write primitive under the store: private from creation, all or nothing, no debris on failure.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_failed_replace_removes_its_temp_file_and_leaves_the_target_as_it_was()
    {
        var target = _temp.Combine("occupied");
        Directory.CreateDirectory(Path.Combine(target, "child")); // a rename cannot replace a non-empty directory

        Assert.ThrowsAny<IOException>(() => AtomicFile.Replace(target, "content"u8));

        Assert.Equal([target], Directory.GetFileSystemEntries(_temp.Path));
        Assert.True(Directory.Exists(Path.Combine(target, "child")));
    }

    [Fact]
    public void The_returned_identity_is_that_of_the_installed_file()
    {
        var target = _temp.Combine("file");

        var identity = AtomicFile.Replace(target, "content"u8);

        Assert.Equal(identity, SecretFiles.Facts(target).Identity);
        Assert.Equal(7ul, identity.Size);
    }

    [Fact]
    public void Create_only_never_replaces_an_existing_file()
    {
        var target = _temp.Combine("key");

        Assert.True(AtomicFile.TryCreate(target, "first"u8));
        Assert.False(AtomicFile.TryCreate(target, "second"u8));

        Assert.Equal("first", File.ReadAllText(target));
        Assert.Equal(SecretFiles.Private, File.GetUnixFileMode(target));
        Assert.Equal([target], Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void A_staged_file_is_private_and_complete_before_it_is_installed_and_gone_if_it_never_is()
    {
        var target = _temp.Combine("config");
        File.WriteAllText(target, "old");

        using (var staged = AtomicFile.Stage(target, "candidate"u8))
        {
            Assert.Equal("candidate", File.ReadAllText(staged.TempPath));
            Assert.Equal(SecretFiles.Private, File.GetUnixFileMode(staged.TempPath));
            Assert.Equal(Path.GetDirectoryName(target), Path.GetDirectoryName(staged.TempPath));
            Assert.Equal("old", File.ReadAllText(target));
        }

        Assert.Equal([target], Directory.GetFileSystemEntries(_temp.Path));
        Assert.Equal("old", File.ReadAllText(target));

        using (var staged = AtomicFile.Stage(target, "new"u8))
        {
            Assert.Equal(staged.Install(), SecretFiles.Facts(target).Identity);
        }

        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal([target], Directory.GetFileSystemEntries(_temp.Path));
    }
}
