using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.RuntimeHost;

namespace SkillsOrleans.Grains.Runtimes;

/// <summary>
/// On a runtime host's silo: once the silo is up, activates the RuntimeGrain (placement puts it here) and keeps
/// retrying until it has registered with its account, e.g. while the account is still being created.
/// </summary>
public sealed partial class RuntimeStartupService(
    IGrainFactory grains,
    IOptions<RuntimeHostOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<RuntimeStartupService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WaitForHostStartedAsync(stoppingToken);
        var runtime = grains.GetGrain<IRuntimeGrain>(options.Value.RuntimeId);
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var status = await runtime.EnsureStartedAsync().WaitAsync(stoppingToken);
                if (status.RegistrationError is null)
                {
                    LogStarted(logger, status.RuntimeId, status.AccountId, status.HostSilo);
                    return;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runtime {RuntimeId} could not start yet; retrying")]
    private static partial void LogStartFailed(ILogger logger, Exception error, string runtimeId);
}
