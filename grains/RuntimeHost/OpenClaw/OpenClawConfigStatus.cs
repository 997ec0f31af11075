namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// <c>openclaw.json</c> as this host last managed it, for health: whether it is in step with the secret file, when
/// it was last brought in step, how many keys this host manages in it, and why the last attempt failed.
/// </summary>
public sealed record OpenClawConfigStatus(bool InStep, string Path, DateTimeOffset? LastAppliedAt, int ManagedKeys, string? LastError);
