using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SkillsOrleans.RuntimeHost.Requests;

namespace SkillsOrleans.UnitTests.Requests;

/// <summary>The inbox on a real directory: what is handed out, what is set aside, and that nothing is lost.</summary>
public sealed class CredentialRequestInboxTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("skillsorleans-inbox-");
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly CredentialRequestInbox _inbox;

    public CredentialRequestInboxTests()
    {
        _inbox = new CredentialRequestInbox(Path.Combine(_root.FullName, "requests", "skill-credentials"), _clock);
        _inbox.EnsureCreated();
    }

    public void Dispose() => _root.Delete(recursive: true);

    private string Write(string name, string content, TimeSpan? age = null)
    {
        var path = Path.Combine(_inbox.Directory, name);
        File.WriteAllText(path, content);
        File.SetLastWriteTimeUtc(path, _clock.GetUtcNow().UtcDateTime - (age ?? TimeSpan.FromSeconds(5)));
        return path;
    }

    [Fact]
    public void Every_json_file_is_handed_out_marked_settled_once_unchanged_for_the_settle_time()
    {
        Write("settled.json", "{}");
        Write("fresh.json", "{}", age: TimeSpan.FromMilliseconds(100));

        Assert.Equal([("fresh.json", false), ("settled.json", true)], _inbox.TakeReady().Select(f => (f.Name, f.Settled)).Order());

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal([("fresh.json", true), ("settled.json", true)], _inbox.TakeReady().Select(f => (f.Name, f.Settled)).Order());
    }

    [Fact]
    public void Hidden_and_non_json_files_are_left_alone()
    {
        Write(".partial.json", "{");
        Write("request.json.tmp", "{");
        Write("notes.txt", "hello");

        Assert.Empty(_inbox.TakeReady());
        Assert.Equal(3, Directory.GetFiles(_inbox.Directory).Length);
    }

    [Fact]
    public void Processed_files_move_with_their_content_intact()
    {
        Write("a.json", """{"skill":"trello","key":"TRELLO_TOKEN"}""");

        var moved = _inbox.MarkProcessed(_inbox.TakeReady().Single());

        Assert.False(File.Exists(Path.Combine(_inbox.Directory, "a.json")));
        Assert.Equal(_inbox.ProcessedDirectory, Path.GetDirectoryName(moved));
        Assert.Equal("""{"skill":"trello","key":"TRELLO_TOKEN"}""", File.ReadAllText(moved));
    }

    [Fact]
    public void Rejected_files_move_to_failed_beside_an_error_file_that_says_why()
    {
        Write("bad.json", "{ nope");

        var moved = _inbox.Reject(_inbox.TakeReady().Single(), RequestRejection.InvalidJson, "not valid JSON");

        Assert.Equal("{ nope", File.ReadAllText(moved));
        using var error = JsonDocument.Parse(File.ReadAllText(moved + ".error.json"));
        Assert.Equal("bad.json", error.RootElement.GetProperty("file").GetString());
        Assert.Equal("invalid_json", error.RootElement.GetProperty("code").GetString());
        Assert.Equal("not valid JSON", error.RootElement.GetProperty("error").GetString());
        Assert.Equal((0, 1), _inbox.Counts());
    }

    [Fact]
    public void The_same_name_twice_never_overwrites_an_earlier_file()
    {
        Write("same.json", "first");
        var first = _inbox.MarkProcessed(_inbox.TakeReady().Single());
        Write("same.json", "second");
        var second = _inbox.MarkProcessed(_inbox.TakeReady().Single());

        Assert.NotEqual(first, second);
        Assert.Equal("first", File.ReadAllText(first));
        Assert.Equal("second", File.ReadAllText(second));
    }

    [Fact]
    public void A_symlink_is_set_aside_as_a_link_and_its_target_is_never_read_or_moved()
    {
        var secret = Path.Combine(_root.FullName, "host-only.txt");
        File.WriteAllText(secret, "do not read");
        File.CreateSymbolicLink(Path.Combine(_inbox.Directory, "link.json"), secret);

        SetAsideRefused(RequestRejection.NotARegularFile);

        var failed = Directory.GetFiles(_inbox.FailedDirectory).Single(p => !p.EndsWith(".error.json", StringComparison.Ordinal));
        Assert.NotNull(new FileInfo(failed).LinkTarget);
        Assert.Equal("do not read", File.ReadAllText(secret));
        Assert.Contains("not_a_regular_file", File.ReadAllText(failed + ".error.json"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_symlink_to_a_directory_is_set_aside_too()
    {
        File.CreateSymbolicLink(Path.Combine(_inbox.Directory, "dir.json"), _root.FullName);

        SetAsideRefused(RequestRejection.NotARegularFile);

        Assert.Single(Directory.GetFileSystemEntries(_inbox.FailedDirectory), p => !p.EndsWith(".error.json", StringComparison.Ordinal));
        Assert.True(Directory.Exists(_root.FullName));
    }

    [Fact]
    public void Oversized_files_are_set_aside_unread()
    {
        Write("big.json", new string(' ', (int)CredentialRequestInbox.MaxFileBytes + 1));

        SetAsideRefused(RequestRejection.TooLarge);
        Assert.Equal((0, 1), _inbox.Counts());
    }

    [Fact]
    public void Odd_names_are_set_aside_under_a_safe_name()
    {
        Write("we ird;$(x).json", "{}");

        SetAsideRefused(RequestRejection.InvalidName);

        var failed = Directory.GetFiles(_inbox.FailedDirectory).Single(p => !p.EndsWith(".error.json", StringComparison.Ordinal));
        Assert.Matches("^[A-Za-z0-9._-]+$", Path.GetFileName(failed));
        Assert.Contains("we ird;$(x).json", File.ReadAllText(failed + ".error.json"), StringComparison.Ordinal);
    }

    /// <summary>
    /// A file that can never be valid comes back at once (no settling) with its refusal and is still in the inbox;
    /// the caller records the refusal and then sets it aside, as the request processor does.
    /// </summary>
    private void SetAsideRefused(RequestRejection expected)
    {
        var refused = Assert.Single(_inbox.TakeReady());
        Assert.Equal(expected, refused.Refusal?.Reason);
        Assert.Empty(Directory.GetFileSystemEntries(_inbox.FailedDirectory));
        _inbox.Reject(refused, refused.Refusal!.Reason, refused.Refusal.Message);
    }
}
