using System.Diagnostics;
using System.Text.Json;
using SkillsOrleans.RuntimeHost.OpenClaw;
using SkillsOrleans.UnitTests.Secrets;

namespace SkillsOrleans.UnitTests.OpenClaw;

/// <summary>When the gateway cannot be asked: the flag file, the restart command, and the retries that go on regardless.</summary>
public sealed class GatewayReloadFallbackTests : IDisposable
{
    private readonly TempDirectory _scripts = new();

    public void Dispose() => _scripts.Dispose();

    [Theory]
    [InlineData(GatewayReloadFailure.GatewayUnreachable)]
    [InlineData(GatewayReloadFailure.Timeout)]
    [InlineData(GatewayReloadFailure.NotConfigured)]
    public async Task A_gateway_that_cannot_be_asked_gets_a_private_flag_file_naming_the_request(GatewayReloadFailure failure)
    {
        using var harness = new CoordinatorHarness();
        harness.Reloader.ThenFail(failure);
        var requestedAt = harness.Clock.GetUtcNow();
        harness.Coordinator.RequestReload("secret stored for demo/trello/TRELLO_API_KEY");

        await harness.RunAsync();

        var flag = harness.Options.FlagFilePath;
        using var content = JsonDocument.Parse(File.ReadAllText(flag));
        var root = content.RootElement;
        Assert.Equal(requestedAt, root.GetProperty("requestedAt").GetDateTimeOffset());
        Assert.Equal(requestedAt, root.GetProperty("writtenAt").GetDateTimeOffset());
        Assert.Equal("secret stored for demo/trello/TRELLO_API_KEY", root.GetProperty("reason").GetString());
        Assert.Equal(1, root.GetProperty("failedAttempts").GetInt32());
        Assert.Equal(failure.ToString(), root.GetProperty("lastFailure").GetString());
        Assert.Equal(["failedAttempts", "lastFailure", "reason", "requestedAt", "writtenAt"], root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("harness-token", File.ReadAllText(flag), StringComparison.Ordinal);
        Assert.Equal(SecretFiles.Private, File.GetUnixFileMode(flag));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(flag)!));
        // Beside the flag only the owed-reload record, and no temp file left by either atomic write.
        Assert.Equal(
            new[] { flag, harness.Options.ReloadOwedPath }.Order(StringComparer.Ordinal),
            Directory.GetFileSystemEntries(Path.GetDirectoryName(flag)!).Order(StringComparer.Ordinal));
        Assert.True(harness.Coordinator.Health().FallbackUsed);
        Assert.Equal(GatewayReloadState.Retrying, harness.Coordinator.Health().State);
    }

    [Theory]
    [InlineData(GatewayReloadFailure.AuthRejected)]
    [InlineData(GatewayReloadFailure.Forbidden)]
    [InlineData(GatewayReloadFailure.GatewayBusy)]
    [InlineData(GatewayReloadFailure.ReloadRejected)]
    [InlineData(GatewayReloadFailure.ProtocolError)]
    public async Task A_gateway_that_answered_gets_no_fallback(GatewayReloadFailure failure)
    {
        var restart = new FakeRestartScript(_scripts.Path);
        using var harness = new CoordinatorHarness(options => options with { RestartCommand = restart.Path });
        harness.Reloader.ThenFail(failure);
        harness.Coordinator.RequestReload("test");

        await harness.RunForAsync(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(1));

        Assert.False(File.Exists(harness.Options.FlagFilePath));
        Assert.Empty(restart.Runs);
        Assert.False(harness.Coordinator.Health().FallbackUsed);
        Assert.True(harness.Coordinator.IsPending);
    }

    [Fact]
    public async Task The_flag_file_is_written_once_per_episode_by_replacing_it_whole_and_removed_by_the_success()
    {
        using var harness = new CoordinatorHarness();
        harness.Reloader.ThenFail(GatewayReloadFailure.GatewayUnreachable);
        var flag = harness.Options.FlagFilePath;
        // Someone else's file in the way is replaced by a rename, not written into: its old inode keeps its content.
        Directory.CreateDirectory(Path.GetDirectoryName(flag)!);
        File.WriteAllText(flag, "stale");
        using var stale = File.OpenRead(flag);
        harness.Coordinator.RequestReload("test");

        await harness.RunForAsync(TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(1));

        Assert.Equal("stale", new StreamReader(stale).ReadToEnd());
        var written = File.ReadAllText(flag);
        Assert.Equal(1, JsonDocument.Parse(written).RootElement.GetProperty("failedAttempts").GetInt32());
        Assert.True(harness.Reloader.Calls.Count >= 5);
        // Beside the flag only the owed-reload record, and no temp file left by either atomic write.
        Assert.Equal(
            new[] { flag, harness.Options.ReloadOwedPath }.Order(StringComparer.Ordinal),
            Directory.GetFileSystemEntries(Path.GetDirectoryName(flag)!).Order(StringComparer.Ordinal));

        harness.Reloader.ThenSucceed();
        await harness.RunForAsync(TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(1));

        Assert.False(File.Exists(flag));
        Assert.Equal(GatewayReloadState.Idle, harness.Coordinator.Health().State);
        Assert.True(harness.Coordinator.Health().FallbackUsed);
    }

    [Fact]
    public async Task The_restart_command_runs_once_per_pending_episode_while_the_rpc_keeps_being_retried()
    {
        var restart = new FakeRestartScript(_scripts.Path);
        using var harness = new CoordinatorHarness(options => options with { RestartCommand = restart.Path });
        harness.Reloader.ThenFail(GatewayReloadFailure.GatewayUnreachable);
        harness.Coordinator.RequestReload("first");

        await harness.RunForAsync(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1));

        Assert.Equal([$"args=0 flag={harness.Options.FlagFilePath}"], restart.Runs);
        Assert.True(harness.Reloader.Calls.Count > 8);

        harness.Reloader.ThenSucceed();
        await harness.RunForAsync(TimeSpan.FromSeconds(61), TimeSpan.FromSeconds(1));
        Assert.False(harness.Coordinator.IsPending);

        harness.Reloader.ThenFail(GatewayReloadFailure.Timeout);
        harness.Coordinator.RequestReload("second");
        await harness.RunForAsync(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1));

        Assert.Equal(2, restart.Runs.Count);
    }

    [Fact]
    public async Task The_restart_command_waits_until_the_gateway_has_been_unreachable_for_the_grace_period()
    {
        var restart = new FakeRestartScript(_scripts.Path);
        using var harness = new CoordinatorHarness(options => options with { RestartCommand = restart.Path, RestartCommandGrace = TimeSpan.FromSeconds(15) });
        harness.Reloader.ThenFail(GatewayReloadFailure.GatewayUnreachable);
        var start = harness.Clock.GetUtcNow();
        harness.Coordinator.RequestReload("test");

        await harness.RunForAsync(TimeSpan.FromSeconds(14), TimeSpan.FromSeconds(1));
        Assert.Empty(restart.Runs);
        Assert.True(File.Exists(harness.Options.FlagFilePath)); // the flag file does not wait

        await harness.RunForAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        Assert.Single(restart.Runs);
        Assert.Contains(start + TimeSpan.FromSeconds(15), harness.Reloader.Calls);
    }

    [Fact]
    public async Task A_gateway_that_answers_in_between_restarts_the_grace_period()
    {
        var restart = new FakeRestartScript(_scripts.Path);
        using var harness = new CoordinatorHarness(options => options with { RestartCommand = restart.Path, RestartCommandGrace = TimeSpan.FromSeconds(10) });
        harness.Reloader
            .ThenFail(GatewayReloadFailure.GatewayUnreachable) // t=0
            .ThenFail(GatewayReloadFailure.GatewayUnreachable) // t=1
            .ThenFail(GatewayReloadFailure.GatewayBusy) // t=3: it is up, just starting
            .ThenFail(GatewayReloadFailure.GatewayUnreachable); // t=7 onwards
        harness.Coordinator.RequestReload("test");

        await harness.RunForAsync(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(1));
        Assert.Empty(restart.Runs); // unreachable again only since t=7

        await harness.RunForAsync(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(1));
        Assert.Single(restart.Runs);
    }

    [Fact]
    public async Task A_restart_command_that_hangs_is_killed_and_the_retries_go_on()
    {
        var restart = new FakeRestartScript(_scripts.Path, body: "sleep 30");
        using var harness = new CoordinatorHarness(options => options with { RestartCommand = restart.Path, RestartCommandTimeout = TimeSpan.FromMilliseconds(500) });
        harness.Reloader.ThenFail(GatewayReloadFailure.GatewayUnreachable);
        harness.Coordinator.RequestReload("test");

        var stopwatch = Stopwatch.StartNew();
        await harness.RunAsync();
        stopwatch.Stop();

        Assert.Single(restart.Runs);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10));
        harness.Reloader.ThenSucceed();
        await harness.RunForAsync(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
        Assert.False(harness.Coordinator.IsPending);
    }

    [Fact]
    public async Task A_restart_command_that_cannot_be_started_does_not_stop_the_retries()
    {
        using var harness = new CoordinatorHarness(options => options with { RestartCommand = Path.Combine(_scripts.Path, "missing") });
        harness.Reloader.ThenFail(GatewayReloadFailure.GatewayUnreachable);
        harness.Coordinator.RequestReload("test");

        await harness.RunForAsync(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));

        Assert.Equal(4, harness.Reloader.Calls.Count);
        Assert.True(harness.Coordinator.IsPending);
    }

    [Fact]
    public async Task A_flag_file_that_cannot_be_written_is_tried_again_at_the_next_failure()
    {
        using var harness = new CoordinatorHarness();
        harness.Reloader.ThenFail(GatewayReloadFailure.GatewayUnreachable);
        var flagDirectory = Path.GetDirectoryName(harness.Options.FlagFilePath)!;
        Directory.CreateDirectory(Path.GetDirectoryName(flagDirectory)!);
        File.WriteAllText(flagDirectory, "a file where the directory should be");
        harness.Coordinator.RequestReload("test");

        await harness.RunAsync();
        Assert.False(harness.Coordinator.Health().FallbackUsed);

        File.Delete(flagDirectory);
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        await harness.RunAsync();

        Assert.True(File.Exists(harness.Options.FlagFilePath));
        Assert.True(harness.Coordinator.Health().FallbackUsed);
    }
}
