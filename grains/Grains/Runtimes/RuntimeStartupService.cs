using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.RuntimeHost;

namespace SkillsOrleans.Grains.Runtimes;

/// <summary>
/// On a runtime host's silo: once the silo is up, activates the RuntimeGrain (placement puts it here) and keeps
/// retrying until it has registered with its account, e.g. while the account is still being created. Then watches it
/// for as long as the silo runs: the grain's own timers keep it alive, but the cluster can still deactivate it (when a
/// silo holding its grain directory entry leaves, for one), and nothing else would call it back to life — no workspace
/// pass, no report, no request handled. A new activation is started and registered again within <see cref="WatchPeriod"/>.
/// </summary>
public sealed partial class RuntimeStartupService(
    IGrainFactory grains,
    IOptions<RuntimeHostOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<RuntimeStartupService> logger) : BackgroundService
{
    /// <summary>How often the started runtime grain is looked at (a local call: the grain lives on this silo).</summary>
    public static readonly TimeSpan WatchPeriod = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WaitForHostStartedAsync(stoppingToken);
        var runtime = grains.GetGrain<IRuntimeGrain>(options.Value.RuntimeId);
        var activatedAt = await StartAsync(runtime, stoppingToken);
        using var watch = new PeriodicTimer(WatchPeriod, clock);
        while (await watch.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var status = await runtime.GetStatusAsync().WaitAsync(stoppingToken);
                if (status.ActivatedAt != activatedAt)
                {
                    LogReactivated(logger, status.RuntimeId, activatedAt, status.ActivatedAt);
                    activatedAt = await StartAsync(runtime, stoppingToken);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogWatchFailed(logger, error, options.Value.RuntimeId);
            }
        }
    }

    /// <summary>Starts the runtime grain until it has registered; returns when that activation started.</summary>
    private async Task<DateTimeOffset> StartAsync(IRuntimeGrain runtime, CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                var status = await runtime.EnsureStartedAsync().WaitAsync(stoppingToken);
                if (status.RegistrationError is null)
                {
                    LogStarted(logger, status.RuntimeId, status.AccountId, status.HostSilo);
                    return status.ActivatedAt;
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogStartFailed(logger, error, options.Value.RuntimeId);
            }

            await Task.Delay(backoff, clock, stoppingToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private async Task WaitForHostStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Runtime {RuntimeId} started for account {AccountId} on silo {Silo}")]
    private static partial void LogStarted(ILogger logger, string runtimeId, string accountId, string silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runtime {RuntimeId} was deactivated (activation of {Before} gone, {Now} found); starting it again")]
    private static partial void LogReactivated(ILogger logger, string runtimeId, DateTimeOffset before, DateTimeOffset now);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Runtime {RuntimeId} did not answer its watch; looking again")]
    private static partial void LogWatchFailed(ILogger logger, Exception error, string runtimeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runtime {RuntimeId} could not start yet; retrying")]
    private static partial void LogStartFailed(ILogger logger, Exception error, string runtimeId);
}
