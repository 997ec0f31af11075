namespace SkillsOrleans.Grains.Runtimes;

/// <summary>
/// Persisted form of a runtime: which account it serves, when it last registered, and which keys of OpenClaw's
/// config it manages (names only, so a restart knows what it may remove). No secrets.
/// </summary>
[GenerateSerializer, Alias("skillsorleans.runtime-state")]
public sealed class RuntimeState
{
    [Id(0)] public string? AccountId { get; set; }

    [Id(1)] public DateTimeOffset? RegisteredAt { get; set; }

    [Id(2)] public string? HostName { get; set; }

    [Id(3)] public List<ManagedConfigKey> ManagedConfig { get; set; } = [];
}

/// <summary>One key this host wrote into <c>skills.entries</c>: as the primary env's SecretRef, or as an env value.</summary>
[GenerateSerializer, Alias("skillsorleans.managed-config-key")]
public sealed record ManagedConfigKey(
    [property: Id(0)] string SkillKey,
    [property: Id(1)] string KeyName,
    [property: Id(2)] bool IsPrimaryEnv);
