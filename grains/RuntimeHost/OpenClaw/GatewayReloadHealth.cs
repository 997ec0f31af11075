namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// The gateway reload as health pages show it; names, times and counts, never a secret.
/// <paramref name="Attempts"/> and <paramref name="FallbackUsed"/> describe the current pending episode, or the
/// last one once it succeeded. <paramref name="WarningCount"/> comes from the last successful reload.
/// </summary>
public sealed record GatewayReloadHealth(
    GatewayReloadState State,
    string? Reason,
    DateTimeOffset? PendingSince,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? LastSuccessAt,
    GatewayReloadFailure? LastFailure,
    string? LastError,
    int Attempts,
    int? WarningCount,
    bool FallbackUsed);
