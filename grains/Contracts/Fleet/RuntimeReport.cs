using SkillsOrleans.Contracts.Runtimes;

namespace SkillsOrleans.Contracts.Fleet;

/// <summary>
/// What a runtime host tells the fleet index about itself, so that the fleet view reads what hosts pushed instead of
/// asking every host on each read: its host name, skills, gateway reload and registration problem. A host reports
/// when any of these changes and at least every <see cref="RuntimeReports.Heartbeat"/>, and once more with
/// <see cref="Stopped"/> set when its silo shuts down.
/// </summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.runtime-report")]
public sealed record RuntimeReport(
    [property: Id(0)] string RuntimeId,
    [property: Id(1)] string? HostName,
    [property: Id(2)] DateTimeOffset? LastSyncAt,
    [property: Id(3)] int Skills,
    [property: Id(4)] int BrokenSkills,
    [property: Id(5)] GatewayReloadStatus GatewayReload,
    [property: Id(6)] string? RegistrationError,
    [property: Id(7)] DateTimeOffset ReportedAt,
    [property: Id(8)] bool Stopped)
{
    /// <summary>Whether the two say the same about the host, whenever they were made (the last sync moves on every pass).</summary>
    public bool SaysTheSameAs(RuntimeReport? other) =>
        other is not null && this with { LastSyncAt = null, ReportedAt = default } == other with { LastSyncAt = null, ReportedAt = default };
}

/// <summary>The reports the fleet index holds, and since when it has been listening (it keeps them in memory only).</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.fleet-reports")]
public sealed record FleetReports(
    [property: Id(0)] DateTimeOffset ListeningSince,
    [property: Id(1)] IReadOnlyList<RuntimeReport> Reports);

public static class RuntimeReports
{
    /// <summary>How often a host reports when nothing changed.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(10);

    /// <summary>A host not heard from for this long is no longer taken to be online (three heartbeats missed).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    /// <summary>The host still reports: its last report is recent and did not say it stopped.</summary>
    public static bool SaysOnline(RuntimeReport report, DateTimeOffset now) =>
        !report.Stopped && now - report.ReportedAt <= StaleAfter;

    /// <summary>The host went quiet without saying it stopped (killed, hung or cut off).</summary>
    public static bool WentQuiet(RuntimeReport report, DateTimeOffset now) =>
        !report.Stopped && now - report.ReportedAt > StaleAfter;
}

/// <summary>What the fleet index's reports say of the whole fleet: how many hosts report, and how many went quiet.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.fleet-report-tally")]
public sealed record FleetReportTally(
    [property: Id(0)] int Online,
    [property: Id(1)] int Quiet);
