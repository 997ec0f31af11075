using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace SkillsOrleans.Grains.Runtimes;

/// <summary>
/// Names a runtime grain turn that runs long. Every call of the runtime grain that does not interleave — deliveries,
/// the host's own status check, the reconciliation pass's read-only checks (which do not run beside a writing turn) —
/// waits behind such a turn, so one held for minutes makes the runtime look offline while its silo runs. A warning
/// names the turn while it still runs (and again every threshold), and says when it finished. The watch runs off the
/// grain's scheduler, so a turn that blocks its thread is named too.
/// </summary>
public sealed partial class SlowTurnWatch(ILogger logger, TimeSpan threshold)
{
    /// <summary>Longer than any turn of a healthy runtime grain takes: each is a few local file writes or one storage write.</summary>
    public static readonly TimeSpan DefaultThreshold = TimeSpan.FromSeconds(10);

    public async Task RunAsync(string runtimeId, string turn, Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var started = Stopwatch.GetTimestamp();
        using var finished = new CancellationTokenSource();
        var watching = Task.Run(() => WarnWhileRunningAsync(runtimeId, turn, started, finished.Token), CancellationToken.None);
        try
        {
            await work();
        }
        finally
        {
            await finished.CancelAsync();
            if (await watching.ConfigureAwait(false))
            {
                LogFinished(logger, runtimeId, turn, Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
        }
    }

    /// <returns>Whether the turn was reported as running long.</returns>
    private async Task<bool> WarnWhileRunningAsync(string runtimeId, string turn, long started, CancellationToken finished)
    {
        var warned = false;
        try
        {
            while (true)
            {
                await Task.Delay(threshold, finished).ConfigureAwait(false);
                LogStillRunning(logger, runtimeId, turn, Stopwatch.GetElapsedTime(started).TotalSeconds);
                warned = true;
            }
        }
        catch (OperationCanceledException)
        {
            return warned;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runtime {RuntimeId}: {Turn} has been running for {Seconds:F0} s")]
    private static partial void LogStillRunning(ILogger logger, string runtimeId, string turn, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runtime {RuntimeId}: {Turn} finished after {Seconds:F1} s")]
    private static partial void LogFinished(ILogger logger, string runtimeId, string turn, double seconds);
}
