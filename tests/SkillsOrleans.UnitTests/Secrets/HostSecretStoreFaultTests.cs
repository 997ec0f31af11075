using SkillsOrleans.RuntimeHost.Secrets;

namespace SkillsOrleans.UnitTests.Secrets;

/// <summary>A file the store cannot trust is never written: the store faults, says why without content, and waits for a fix.</summary>
public sealed class HostSecretStoreFaultTests : IDisposable
{
    private const string Canary = "CANARY-7f3a9c";
    private readonly TempDirectory _temp = new();

    private string SecretPath => _temp.Combine("runtime-secrets.json");

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Unacceptable => new()
    {
        $$"""{ "demo": { "trello": { "TRELLO_API_KEY": "{{Canary}}" } """,
        $$"""{ "demo": {{Canary}} }""",
        $$"""["{{Canary}}"]""",
        $$"""{ "demo": "{{Canary}}" }""",
        $$"""{ "demo": { "trello": "{{Canary}}" } }""",
        """{ "demo": { "trello": { "TRELLO_API_KEY": 12345 } } }""",
        """{ "demo": { "trello": { "TRELLO_API_KEY": null } } }""",
        $$"""{ "demo": { "trello": { "TRELLO_API_KEY": "{{Canary}}\u0001" } } }""",
        $$"""{ "demo": { "trello": { "TRELLO_API_KEY": "{{Canary}}\ud800" } } }""",
        $$"""{ "{{Canary}}": { "trello": { "TRELLO_API_KEY": "x" } } }""",
        $$"""{ "demo": { "../{{Canary}}": { "TRELLO_API_KEY": "x" } } }""",
        $$"""{ "demo": { "trello": { "lower_{{Canary}}": "x" } } }""",
        $$"""{ "demo": { "trello": { "TRELLO_API_KEY": "a", "TRELLO_API_KEY": "{{Canary}}" } } }""",
        "",
        $$"""{ /* {{Canary}} */ }""",
    };

    [Theory]
    [MemberData(nameof(Unacceptable))]
    public async Task An_unparseable_file_faults_the_store_and_is_never_written(string content)
    {
        SecretFiles.WritePrivate(SecretPath, content);
        var original = File.ReadAllBytes(SecretPath);
        var log = new CollectingLogger();

        using var store = await HostSecretStore.OpenAsync(SecretPath, log);

        Assert.Equal(SecretStoreState.Faulted, store.Status.State);
        Assert.Equal(0, store.Status.Entries);
        Assert.False(string.IsNullOrWhiteSpace(store.Status.Error));
        Assert.DoesNotContain(Canary, store.Status.Error, StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => store.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), "new"));
        Assert.DoesNotContain(Canary, refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => store.RemoveAsync(new("demo", "trello", "TRELLO_API_KEY")));
        Assert.Throws<SecretStoreUnavailableException>(() => store.TryGet(new("demo", "trello", "TRELLO_API_KEY"), out _));
        Assert.Equal(original, File.ReadAllBytes(SecretPath));
        Assert.All(log.Lines, line => Assert.DoesNotContain(Canary, line, StringComparison.Ordinal));
        Assert.Single(Directory.GetFileSystemEntries(_temp.Path)); // no temp file, no fingerprint key
    }

    [Fact]
    public async Task A_faulted_store_recovers_on_reload_once_the_file_is_fixed()
    {
        SecretFiles.WritePrivate(SecretPath, "{ not json");
        using var store = await HostSecretStore.OpenAsync(SecretPath);
        Assert.Equal(SecretStoreState.Faulted, store.Status.State);

        SecretFiles.WritePrivate(SecretPath, """{ "demo": { "trello": { "TRELLO_API_KEY": "fixed" } } }""");
        var status = await store.ReloadAsync();

        Assert.Equal(new SecretStoreStatus(SecretStoreState.Ready, SecretPath, 1, null), status);
        await store.SetAsync(new("demo", "github", "GH_TOKEN"), "after-fix");
        Assert.Equal("fixed", SecretFiles.ResolvePointer(SecretPath, "/demo/trello/TRELLO_API_KEY"));
        Assert.Equal("after-fix", SecretFiles.ResolvePointer(SecretPath, "/demo/github/GH_TOKEN"));
    }

    [Fact]
    public async Task A_symlinked_target_is_refused_and_neither_link_nor_its_target_is_touched()
    {
        var elsewhere = _temp.Combine("elsewhere.json");
        SecretFiles.WritePrivate(elsewhere, """{ "demo": { "trello": { "TRELLO_API_KEY": "x" } } }""");
        var original = File.ReadAllBytes(elsewhere);
        File.CreateSymbolicLink(SecretPath, elsewhere);

        using var store = await HostSecretStore.OpenAsync(SecretPath);

        Assert.Equal(SecretStoreState.Faulted, store.Status.State);
        Assert.Contains("symbolic link", store.Status.Error, StringComparison.Ordinal);
        await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => store.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), "y"));
        Assert.NotNull(new FileInfo(SecretPath).LinkTarget);
        Assert.Equal(original, File.ReadAllBytes(elsewhere));
    }

    [Fact]
    public async Task A_dangling_symlink_is_refused_rather_than_read_as_missing()
    {
        File.CreateSymbolicLink(SecretPath, _temp.Combine("nowhere.json"));

        using var store = await HostSecretStore.OpenAsync(SecretPath);

        Assert.Equal(SecretStoreState.Faulted, store.Status.State);
        await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => store.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), "y"));
        Assert.False(File.Exists(_temp.Combine("nowhere.json")));
    }

    [Fact]
    public async Task A_hard_linked_target_is_refused()
    {
        SecretFiles.WritePrivate(SecretPath, """{ "demo": { "trello": { "TRELLO_API_KEY": "x" } } }""");
        SecretFiles.HardLink(SecretPath, _temp.Combine("copy-kept-by-someone.json"));
        var original = File.ReadAllBytes(SecretPath);

        using var store = await HostSecretStore.OpenAsync(SecretPath);

        Assert.Equal(SecretStoreState.Faulted, store.Status.State);
        Assert.Contains("2 hard links", store.Status.Error, StringComparison.Ordinal);
        await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => store.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), "y"));
        Assert.Equal(original, File.ReadAllBytes(SecretPath));
        Assert.Equal(2u, SecretFiles.Facts(SecretPath).LinkCount);
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, "0644")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, "0640")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherWrite, "0602")]
    public async Task A_target_open_to_group_or_others_is_refused(UnixFileMode mode, string octal)
    {
        SecretFiles.WritePrivate(SecretPath, """{ "demo": { "trello": { "TRELLO_API_KEY": "x" } } }""");
        File.SetUnixFileMode(SecretPath, mode);
        var original = File.ReadAllBytes(SecretPath);

        using var store = await HostSecretStore.OpenAsync(SecretPath);

        Assert.Equal(SecretStoreState.Faulted, store.Status.State);
        Assert.Contains(octal, store.Status.Error, StringComparison.Ordinal);
        await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => store.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), "y"));
        Assert.Equal(original, File.ReadAllBytes(SecretPath));
        Assert.Equal(mode, File.GetUnixFileMode(SecretPath));
    }

    [Fact]
    public async Task A_directory_at_the_path_is_refused()
    {
        Directory.CreateDirectory(SecretPath);

        using var store = await HostSecretStore.OpenAsync(SecretPath);

        Assert.Equal(SecretStoreState.Faulted, store.Status.State);
        Assert.Contains("directory", store.Status.Error, StringComparison.Ordinal);
        await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => store.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), "y"));
        Assert.True(Directory.Exists(SecretPath));
    }

    [Fact]
    public async Task A_file_loosened_after_opening_faults_the_store_at_the_next_write()
    {
        using var store = await HostSecretStore.OpenAsync(SecretPath);
        await store.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), "v1");
        File.SetUnixFileMode(SecretPath, SecretFiles.Private | UnixFileMode.OtherRead);
        var before = File.ReadAllBytes(SecretPath);

        await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => store.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), "v2"));

        Assert.Equal(SecretStoreState.Faulted, store.Status.State);
        Assert.Equal(before, File.ReadAllBytes(SecretPath));
    }

    [Fact]
    public async Task A_file_corrupted_after_opening_faults_the_store_at_the_next_write()
    {
        using var store = await HostSecretStore.OpenAsync(SecretPath);
        await store.SetAsync(new("demo", "trello", "TRELLO_API_KEY"), "v1");
        SecretFiles.WritePrivate(SecretPath, "{ \"demo\": [] }");
        var before = File.ReadAllBytes(SecretPath);

        await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => store.RemoveAsync(new("demo", "trello", "TRELLO_API_KEY")));

        Assert.Equal(SecretStoreState.Faulted, store.Status.State);
        Assert.Equal(before, File.ReadAllBytes(SecretPath));
    }
}
