using Microsoft.Extensions.Logging.Abstractions;
using SkillsOrleans.RuntimeHost.OpenClaw;

namespace SkillsOrleans.UnitTests.OpenClaw;

/// <summary>
/// A reload owed to the gateway survives the host: recorded on disk before the request returns, resumed by the next
/// coordinator of the same host, removed only when a confirmed reload covered every request.
/// </summary>
public sealed class OwedReloadTests : IDisposable
{
    private readonly CoordinatorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private string Owed => _harness.Options.ReloadOwedPath;

    [Fact]
    public async Task A_request_is_on_disk_before_it_returns_and_gone_after_a_confirmed_reload()
    {
        _harness.Coordinator.RequestReload("revoked demo/demo-runtime-1/trello/TRELLO_API_KEY");

        Assert.True(File.Exists(Owed));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Owed));
        _harness.Reloader.ThenFail(GatewayReloadFailure.GatewayUnreachable);
        await _harness.RunAsync();
        Assert.True(File.Exists(Owed));

        _harness.Clock.Advance(TimeSpan.FromMinutes(1));
        _harness.Reloader.ThenSucceed();
        await _harness.RunAsync();
        Assert.False(_harness.Coordinator.IsPending);
        Assert.False(File.Exists(Owed));
    }

    [Fact]
    public async Task A_host_that_restarts_owing_a_reload_asks_the_gateway_at_once()
    {
        var requestedAt = _harness.Clock.GetUtcNow();
        _harness.Coordinator.RequestReload("stored demo/demo-runtime-1/trello/TRELLO_API_KEY");
        _harness.Clock.Advance(TimeSpan.FromSeconds(30)); // the host dies here, before any reload ran

        var restarted = new GatewayReloadCoordinator(_harness.Reloader, _harness.Options, _harness.Clock, NullLogger.Instance);
        restarted.ResumeOwedReload();

        Assert.True(restarted.IsPending);
        Assert.Equal(requestedAt, restarted.Health().PendingSince);
        _harness.Reloader.ThenSucceed();
        await restarted.RunPendingAsync(_harness.Clock.GetUtcNow());
        Assert.Single(_harness.Reloader.Calls);
        Assert.False(restarted.IsPending);
        Assert.False(File.Exists(Owed));
    }

    [Fact]
    public void A_host_that_owes_nothing_starts_idle()
    {
        _harness.Coordinator.ResumeOwedReload();

        Assert.False(_harness.Coordinator.IsPending);
        Assert.Equal(GatewayReloadState.Idle, _harness.Coordinator.Health().State);
    }
}
