namespace SkillsOrleans.Contracts.Runtimes;

/// <summary>OpenClaw's <c>openclaw.json</c> as this host last managed it: when it was brought in step, and why not.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.openclaw-config-health")]
public sealed record OpenClawConfigHealth(
    [property: Id(0)] string State,
    [property: Id(1)] string Path,
    [property: Id(2)] DateTimeOffset? LastAppliedAt,
    [property: Id(3)] int ManagedKeys,
    [property: Id(4)] string? LastError);

/// <summary>Whether the gateway has picked up the last change: <c>idle</c>, or a reload <c>pending</c>/<c>retrying</c>.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.gateway-reload-health")]
public sealed record GatewayReloadStatus(
    [property: Id(0)] string State,
    [property: Id(1)] string? Reason,
    [property: Id(2)] DateTimeOffset? PendingSince,
    [property: Id(3)] DateTimeOffset? NextAttemptAt,
    [property: Id(4)] DateTimeOffset? LastSuccessAt,
    [property: Id(5)] string? LastError,
    [property: Id(6)] int Attempts,
    [property: Id(7)] int? WarningCount,
    [property: Id(8)] bool FallbackUsed);
