using SkillsOrleans.Contracts.Identifiers;
using SkillsOrleans.Contracts.Sealing;

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
    /// Opens an envelope sealed to this host for exactly this credential and version, stores the value in the host
    /// secret file and brings OpenClaw's config in step. Returns the value's fingerprint, never the value.
    /// </summary>
    [Alias("deliver")]
    Task<SecretDelivery> DeliverAsync(CredentialRef credentialRef, int version, SealedSecretEnvelope envelope);

    /// <summary>Removes a revoked value from the host secret file and from OpenClaw's config.</summary>
    [Alias("withdraw")]
    Task WithdrawAsync(CredentialRef credentialRef);
}
