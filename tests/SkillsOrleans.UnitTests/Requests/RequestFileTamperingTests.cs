using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SkillsOrleans.RuntimeHost.Requests;
using SkillsOrleans.RuntimeHost.Secrets;
using SkillsOrleans.UnitTests.Workspace;

namespace SkillsOrleans.UnitTests.Requests;

/// <summary>
/// What an agent can put into the request directory besides request files: FIFOs, sockets, links to host files, a
/// linked directory, a flood of files. None of it blocks the inbox, is read through a link, or moves a host file.
/// </summary>
public sealed class RequestFileTamperingTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("skillsorleans-inbox-tamper-");
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly CredentialRequestInbox _inbox;

    public RequestFileTamperingTests()
    {
        _inbox = new CredentialRequestInbox(RequestsDirectory, _clock);
        _inbox.EnsureCreated();
    }

    public void Dispose() => _root.Delete(recursive: true);

    private string RequestsDirectory => Path.Combine(_root.FullName, "workspace", "requests", "skill-credentials");

    /// <summary>A file only the host may read, standing in for the host secret file.</summary>
    private string HostSecretFile()
    {
        var secrets = Directory.CreateDirectory(Path.Combine(_root.FullName, "state", "secrets"));
        var path = Path.Combine(secrets.FullName, "runtime-secrets.json");
        File.WriteAllText(path, """{"demo":{"trello":{"TRELLO_API_KEY":"sk-host-only"}}}""");
        File.SetLastWriteTimeUtc(path, _clock.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(1));
        return path;
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_inbox.Directory, name);
        File.WriteAllText(path, content);
        File.SetLastWriteTimeUtc(path, _clock.GetUtcNow().UtcDateTime - TimeSpan.FromSeconds(5));
        return path;
    }

    [Fact]
    public async Task A_fifo_is_refused_at_once_without_blocking_and_set_aside_with_its_reason()
    {
        var fifo = Path.Combine(_inbox.Directory, "pipe.json");
        SpecialFiles.MakeFifo(fifo);
        _clock.Advance(TimeSpan.FromSeconds(5));

        var refused = Assert.Single(await SpecialFiles.WithinDeadlineAsync(_inbox.TakeReady, fifo));
        var moved = _inbox.Reject(refused, refused.Refusal!.Reason, refused.Refusal.Message);

        Assert.Equal(RequestRejection.NotARegularFile, refused.Refusal.Reason);
        Assert.True(UnixFileFacts.TryInspect(moved, out var facts) && facts.Kind == UnixFileKind.Other, "the FIFO itself was moved");
        using var error = JsonDocument.Parse(File.ReadAllText(moved + ".error.json"));
        Assert.Equal("not_a_regular_file", error.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_fifo_that_replaces_a_listed_file_is_not_opened_in_a_blocking_way()
    {
        var path = Write("swapped.json", "{}");
        var listed = Assert.Single(_inbox.TakeReady());
        File.Delete(path);
        SpecialFiles.MakeFifo(path);

        var error = await Assert.ThrowsAsync<RequestRejectedException>(
            () => SpecialFiles.WithinDeadlineAsync(() => _inbox.Read(listed), path));

        Assert.Equal(RequestRejection.NotARegularFile, error.Reason);
    }

    [Fact]
    public void A_socket_is_refused_and_set_aside()
    {
        using var socket = SpecialFiles.MakeSocket(Path.Combine(_inbox.Directory, "socket.json"));

        var refused = Assert.Single(_inbox.TakeReady());

        Assert.Equal(RequestRejection.NotARegularFile, refused.Refusal?.Reason);
    }

    [Fact]
    public void A_file_swapped_for_a_link_to_the_host_secret_file_after_listing_is_refused_unread()
    {
        var secret = HostSecretFile();
        var path = Write("swapped.json", "{}");
        var listed = Assert.Single(_inbox.TakeReady());
        File.Delete(path);
        File.CreateSymbolicLink(path, secret);

        var error = Assert.Throws<RequestRejectedException>(() => _inbox.Read(listed));

        Assert.Equal(RequestRejection.NotARegularFile, error.Reason);
        Assert.DoesNotContain("sk-host-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hard_link_to_a_host_file_is_refused_unread()
    {
        var secret = HostSecretFile();
        var path = Path.Combine(_inbox.Directory, "linked.json");
        HardLink(secret, path);

        var listed = Assert.Single(_inbox.TakeReady());
        var error = listed.Refusal ?? Assert.Throws<RequestRejectedException>(() => _inbox.Read(listed));

        Assert.Equal(RequestRejection.NotARegularFile, error.Reason);
    }

    [Fact]
    public async Task A_request_directory_that_is_a_link_to_a_host_directory_is_not_read_and_nothing_there_moves()
    {
        var secret = HostSecretFile();
        var workspaceRequests = Path.GetDirectoryName(RequestsDirectory)!;
        Directory.Delete(RequestsDirectory, recursive: true);
        Directory.CreateSymbolicLink(RequestsDirectory, Path.GetDirectoryName(secret)!);

        var error = await Assert.ThrowsAnyAsync<IOException>(() => SpecialFiles.WithinDeadlineAsync(_inbox.TakeReady));

        Assert.Contains("link", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(secret));
        Assert.Equal(["runtime-secrets.json"], Directory.GetFileSystemEntries(Path.GetDirectoryName(secret)!).Select(Path.GetFileName));
        Assert.True(Directory.Exists(workspaceRequests));
    }

    [Fact]
    public void A_flood_of_files_is_taken_a_batch_at_a_time_and_the_rest_waits_in_place()
    {
        var limit = CredentialRequestInbox.DefaultMaxFilesPerTake;
        for (var i = 0; i < limit + 50; i++)
        {
            Write($"r{i:D3}.json", "{}");
        }

        var first = _inbox.TakeReady();
        Assert.Equal(limit, first.Count);
        Assert.True(_inbox.LastTakeWasCapped);
        Assert.Equal(limit + 50, Directory.GetFiles(_inbox.Directory).Length);
        foreach (var file in first)
        {
            _inbox.MarkProcessed(file);
        }

        var second = _inbox.TakeReady();
        Assert.Equal(50, second.Count);
        Assert.False(_inbox.LastTakeWasCapped);
        Assert.Empty(first.Select(f => f.Name).Intersect(second.Select(f => f.Name)));
    }

    private static void HardLink(string existing, string link)
    {
        using var ln = System.Diagnostics.Process.Start("/usr/bin/ln", [existing, link]);
        ln.WaitForExit();
        Assert.Equal(0, ln.ExitCode);
    }
}
