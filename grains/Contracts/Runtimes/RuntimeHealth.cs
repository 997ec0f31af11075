namespace SkillsOrleans.Contracts.Runtimes;

/// <summary>A runtime host's health as <c>/health</c> and the dashboards show it. Never holds a secret.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.runtime-health")]
public sealed record RuntimeHealth(
    [property: Id(0)] RuntimeStatus Runtime,
    [property: Id(1)] SkillSyncHealth SkillSync,
    [property: Id(2)] SecretStoreHealth SecretStore,
    [property: Id(3)] string SealingKeyFingerprint,
    [property: Id(4)] OpenClawConfigHealth OpenClawConfig,
    [property: Id(5)] GatewayReloadStatus GatewayReload,
    [property: Id(6)] ReconciliationHealth Reconciliation);

/// <summary>
/// The workspace loop: whether it runs, when it last completed a pass, the last error, how many skills it sees
/// (and how many of them are broken), request files waiting in the inbox and files set aside in <c>failed/</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.skill-sync-health")]
public sealed record SkillSyncHealth(
    [property: Id(0)] bool Running,
    [property: Id(1)] DateTimeOffset? LastSyncAt,
    [property: Id(2)] string? LastError,
    [property: Id(3)] int Skills,
    [property: Id(4)] int BrokenSkills,
    [property: Id(5)] int PendingRequests,
    [property: Id(6)] int FailedRequests);
