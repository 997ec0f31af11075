using SkillsOrleans.RuntimeHost.OpenClaw;

namespace SkillsOrleans.UnitTests.OpenClaw;

/// <summary>The reload policy: due at once, retried with doubling backoff, never dropped, cleared only by a success.</summary>
public sealed class GatewayReloadCoordinatorTests : IDisposable
{
    private readonly CoordinatorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Nothing_is_called_while_no_reload_is_requested()
    {
        await _harness.RunForAsync(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1));

        Assert.Empty(_harness.Reloader.Calls);
        Assert.Equal(GatewayReloadState.Idle, _harness.Coordinator.Health().State);
    }

    [Fact]
    public async Task A_request_is_tried_at_once_and_a_success_clears_it()
    {
        var requestedAt = _harness.Clock.GetUtcNow();
        _harness.Coordinator.RequestReload("secret stored for demo/trello/TRELLO_API_KEY");
        Assert.Equal(GatewayReloadState.Pending, _harness.Coordinator.Health().State);
        Assert.Equal(requestedAt, _harness.Coordinator.Health().PendingSince);

        _harness.Reloader.ThenSucceed(warnings: 2);
        await _harness.RunAsync();

        var health = _harness.Coordinator.Health();
        Assert.Single(_harness.Reloader.Calls);
        Assert.False(_harness.Coordinator.IsPending);
        Assert.Equal(GatewayReloadState.Idle, health.State);
        Assert.Null(health.PendingSince);
        Assert.Null(health.NextAttemptAt);
        Assert.Equal(requestedAt, health.LastSuccessAt);
        Assert.Equal(2, health.WarningCount);
        Assert.Equal(1, health.Attempts);
        Assert.Null(health.LastError);
        Assert.False(health.FallbackUsed);

        await _harness.RunForAsync(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1));
        Assert.Single(_harness.Reloader.Calls);
    }

    [Fact]
    public async Task Failures_are_retried_after_1_2_4_8_16_32_then_every_60_seconds()
    {
        _harness.Reloader.ThenFail(GatewayReloadFailure.GatewayBusy);
        var start = _harness.Clock.GetUtcNow();
        _harness.Coordinator.RequestReload("test");

        await _harness.RunForAsync(TimeSpan.FromSeconds(300), TimeSpan.FromMilliseconds(250));

        var offsets = _harness.Reloader.Calls.Select(call => (call - start).TotalSeconds).ToList();
        Assert.Equal([0, 1, 3, 7, 15, 31, 63, 123, 183, 243], offsets);
    }

    [Fact]
    public void The_retry_delay_doubles_from_the_initial_delay_up_to_the_cap()
    {
        var delays = Enumerable.Range(1, 10)
            .Select(failures => GatewayReloadCoordinator.RetryDelay(failures, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60, 60], delays);
        Assert.Equal(TimeSpan.FromSeconds(60), GatewayReloadCoordinator.RetryDelay(int.MaxValue, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task A_reload_stays_pending_through_any_number_of_failures_and_is_cleared_by_the_first_success()
    {
        _harness.Reloader
            .ThenFail(GatewayReloadFailure.GatewayUnreachable)
            .ThenFail(GatewayReloadFailure.Timeout)
            .ThenFail(GatewayReloadFailure.AuthRejected)
            .ThenFail(GatewayReloadFailure.ReloadRejected);
        var requestedAt = _harness.Clock.GetUtcNow();
        _harness.Coordinator.RequestReload("test");

        await _harness.RunForAsync(TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(1));

        var failing = _harness.Coordinator.Health();
        Assert.True(_harness.Reloader.Calls.Count > 30);
        Assert.Equal(GatewayReloadState.Retrying, failing.State);
        Assert.Equal(requestedAt, failing.PendingSince);
        Assert.Equal(_harness.Reloader.Calls.Count, failing.Attempts);
        Assert.Equal(GatewayReloadFailure.ReloadRejected, failing.LastFailure);
        Assert.Equal("scripted ReloadRejected.", failing.LastError);
        Assert.Equal(_harness.Reloader.Calls[^1], failing.LastAttemptAt);
        Assert.Equal(_harness.Reloader.Calls[^1] + TimeSpan.FromSeconds(60), failing.NextAttemptAt);
        Assert.Null(failing.LastSuccessAt);

        _harness.Reloader.ThenSucceed();
        await _harness.RunForAsync(TimeSpan.FromSeconds(61), TimeSpan.FromSeconds(1));

        var recovered = _harness.Coordinator.Health();
        Assert.Equal(GatewayReloadState.Idle, recovered.State);
        Assert.Null(recovered.LastFailure);
        Assert.Null(recovered.LastError);
        Assert.NotNull(recovered.LastSuccessAt);
    }

    [Fact]
    public async Task An_unexpected_exception_is_a_failure_like_any_other()
    {
        _harness.Reloader.Then(() => throw new ObjectDisposedException("socket"));
        _harness.Coordinator.RequestReload("test");

        await _harness.RunAsync();

        var health = _harness.Coordinator.Health();
        Assert.Equal(GatewayReloadState.Retrying, health.State);
        Assert.Equal(GatewayReloadFailure.ProtocolError, health.LastFailure);
    }

    [Fact]
    public async Task A_request_made_while_an_attempt_runs_is_not_cleared_by_that_attempt()
    {
        var gatewayAnswer = new TaskCompletionSource<SecretsReloadOutcome>();
        _harness.Reloader.Then(() => gatewayAnswer.Task).ThenSucceed();
        _harness.Coordinator.RequestReload("first change");

        var attempt = _harness.RunAsync();
        _harness.Coordinator.RequestReload("second change, written after the gateway read the file");
        await _harness.RunAsync(); // an attempt is in flight: this one does nothing
        gatewayAnswer.SetResult(new SecretsReloadOutcome(0));
        await attempt;

        Assert.Single(_harness.Reloader.Calls);
        Assert.True(_harness.Coordinator.IsPending);
        Assert.Equal("second change, written after the gateway read the file", _harness.Coordinator.Health().Reason);

        await _harness.RunAsync(); // due at once, not after a backoff
        Assert.Equal(2, _harness.Reloader.Calls.Count);
        Assert.False(_harness.Coordinator.IsPending);
    }

    [Fact]
    public async Task Requests_during_a_pending_episode_join_it_without_resetting_the_backoff()
    {
        _harness.Reloader.ThenFail(GatewayReloadFailure.GatewayBusy);
        var start = _harness.Clock.GetUtcNow();
        _harness.Coordinator.RequestReload("one");
        await _harness.RunForAsync(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));

        _harness.Coordinator.RequestReload("two");
        await _harness.RunAsync();

        var health = _harness.Coordinator.Health();
        Assert.Equal(start, health.PendingSince);
        Assert.Equal(start + TimeSpan.FromSeconds(15), health.NextAttemptAt);
        Assert.Equal("two", health.Reason);
    }

    [Fact]
    public void The_reason_is_bounded_and_stripped_of_control_characters()
    {
        _harness.Coordinator.RequestReload("line one\nline two " + new string('x', 500));

        var reason = _harness.Coordinator.Health().Reason!;
        Assert.DoesNotContain('\n', reason);
        Assert.True(reason.Length <= 201, reason);
    }
}
