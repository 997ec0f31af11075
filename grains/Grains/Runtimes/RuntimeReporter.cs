using Microsoft.Extensions.Logging;
using SkillsOrleans.Contracts.Fleet;
using SkillsOrleans.Contracts.Runtimes;

namespace SkillsOrleans.Grains.Runtimes;

/// <summary>
/// Pushes a runtime host's state to the fleet index: on the first pass, whenever it changes, at least every
/// <see cref="RuntimeReports.Heartbeat"/>, and once with <c>Stopped</c> when the host's grain goes away. Reports are
/// one-way messages; one that is lost is made good by the next heartbeat.
/// </summary>
public sealed partial class RuntimeReporter(IGrainFactory grains, TimeProvider clock, ILogger logger)
{
    private RuntimeReport? _last;

    /// <summary>Reports <paramref name="health"/> if it says something new or the heartbeat is due.</summary>
    public void ReportIfDue(RuntimeHealth health)
    {
        var report = From(health, stopped: false);
        if (report.SaysTheSameAs(_last) && report.ReportedAt - _last!.ReportedAt < RuntimeReports.Heartbeat)
        {
            return;
        }

        Send(report);
    }

    /// <summary>The host is going away: the fleet shows it offline at once instead of after <see cref="RuntimeReports.StaleAfter"/>.</summary>
    public void ReportStopped(RuntimeHealth health) => Send(From(health, stopped: true));

    private void Send(RuntimeReport report)
    {
        try
        {
            _ = grains.FleetIndex().ReportAsync(report);
            _last = report;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            LogReportFailed(logger, error, report.RuntimeId); // the next pass tries again
        }
    }

    private RuntimeReport From(RuntimeHealth health, bool stopped) => new(
        health.Runtime.RuntimeId,
        health.Runtime.HostName,
        health.SkillSync.LastSyncAt,
        health.SkillSync.Skills,
        health.SkillSync.BrokenSkills,
        health.GatewayReload,
        health.Runtime.RegistrationError,
        clock.GetUtcNow(),
        stopped);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not report runtime {RuntimeId} to the fleet index")]
    private static partial void LogReportFailed(ILogger logger, Exception error, string runtimeId);
}
