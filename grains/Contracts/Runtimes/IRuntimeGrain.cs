using Orleans.Concurrency;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Sealing;

namespace SkillsOrleans.Contracts.Runtimes;

/// <summary>
/// One OpenClaw runtime host, keyed by runtime id. Host-pinned: it activates only on the silo whose metadata names
/// this runtime id; if that silo is not in the cluster every call fails at once with RuntimeOfflineException.
/// </summary>
[Alias("skillsorleans.runtime")]
public interface IRuntimeGrain : IGrainWithStringKey
{
    /// <summary>Activates the runtime on its host and registers it with its account. Safe to call repeatedly.</summary>
    [Alias("ensure-started")]
    Task<RuntimeStatus> EnsureStartedAsync();

    [Alias("get-status")]
    Task<RuntimeStatus> GetStatusAsync();

    [Alias("get-health")]
    Task<RuntimeHealth> GetHealthAsync();

    /// <summary>This host's public sealing key: what a browser or the API seals a value to.</summary>
    [Alias("get-sealing-key")]
    Task<SealingPublicKey> GetSealingKeyAsync();

    /// <summary>
    /// Opens an envelope sealed to this host for exactly this credential and version and holds the value in memory
    /// (never on disk, never returned) until <see cref="CommitDeliveryAsync"/> or <see cref="AbandonDeliveryAsync"/>,
    /// or until it expires. Returns the value's fingerprint, so the change can be audited before it is made.
    /// </summary>
    [Alias("prepare-delivery")]
    Task<PreparedDelivery> PrepareDeliveryAsync(CredentialRef credentialRef, int version, SealedSecretEnvelope envelope);

    /// <summary>
    /// Keys openclaw.json on this host holds as literal values (put there by hand) that this host does not manage, for
    /// skills it has installed and that declare them: names only.
    /// </summary>
    [Alias("list-unmanaged-config-keys")]
    Task<IReadOnlyList<HostConfigKey>> ListUnmanagedConfigKeysAsync();

    /// <summary>
    /// As <see cref="PrepareDeliveryAsync"/>, with the value openclaw.json holds for the key by hand instead of a sealed
    /// one: it is read on the host and never leaves it. Null when openclaw.json holds no such value.
    /// </summary>
    [Alias("prepare-import")]
    Task<PreparedDelivery?> PrepareImportAsync(CredentialRef credentialRef, int version);

    /// <summary>Stores the prepared value in the host secret file and brings OpenClaw's config and gateway in step.</summary>
    [Alias("commit-delivery")]
    Task<SecretDelivery> CommitDeliveryAsync(CredentialRef credentialRef, int version);

    /// <summary>Drops a prepared value (its change was refused); nothing was stored.</summary>
    [Alias("abandon-delivery")]
    Task AbandonDeliveryAsync(CredentialRef credentialRef, int version);

    /// <summary>Removes a revoked value from the host secret file and from OpenClaw's config.</summary>
    [Alias("withdraw")]
    Task WithdrawAsync(CredentialRef credentialRef);

    /// <summary>
    /// Notes for the agents on the host that an admin declined the key, with the reason (<paramref name="declineReason"/>),
    /// or, when null, that it is no longer declined. The files are workspace notes, not a secret; they follow the cluster.
    /// </summary>
    [Alias("note-request-decision")]
    Task NoteRequestDecisionAsync(CredentialRef credentialRef, string? declineReason, DateTimeOffset decidedAt);

    /// <summary>Whether the host secret file holds a value for the credential, and its fingerprint; never the value.</summary>
    [ReadOnly]
    [Alias("inspect-stored")]
    Task<StoredKeyObservation> InspectStoredAsync(CredentialRef credentialRef);
}
