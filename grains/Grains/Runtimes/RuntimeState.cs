using SkillsOrleans.RuntimeHost.OpenClaw;
using SkillsOrleans.RuntimeHost.Secrets;

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

/// <summary>
/// One key this host wrote into <c>skills.entries</c>: as the primary env's SecretRef, or as an env value. The stored
/// form of a <see cref="ManagedEntry"/>: without the account (always the runtime's own) and under these property
/// names, so that rows written before stay readable.
/// </summary>
[GenerateSerializer, Alias("skillsorleans.managed-config-key")]
public sealed record ManagedConfigKey(
    [property: Id(0)] string SkillKey,
    [property: Id(1)] string KeyName,
    [property: Id(2)] bool IsPrimaryEnv)
{
    public static ManagedConfigKey Of(ManagedEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Address.SkillKey, entry.Address.KeyName, entry.IsPrimaryEnv);
    }

    public ManagedEntry ToEntry(string accountId) => new(new StoredKeyAddress(accountId, SkillKey, KeyName), IsPrimaryEnv);
}
