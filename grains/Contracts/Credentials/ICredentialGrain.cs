using Orleans.Concurrency;

namespace SkillsOrleans.Contracts.Credentials;

/// <summary>
/// One credential's state machine, keyed by its credential ref. Every method takes the account the caller acts for
/// and refuses a ref of another account, or of a runtime the runtime directory does not bind to that account, with
/// the same not-found as for a credential that does not exist. The API calls it directly once the AccountGrain has
/// authorized the caller; the runtime host calls it for its agents' requests. After each change it reports the new
/// snapshot to its account's index.
/// </summary>
[Alias("skillsorleans.credential")]
public interface ICredentialGrain : IGrainWithStringKey
{
    [ReadOnly]
    [Alias("get")]
    Task<CredentialSnapshot?> GetAsync(string accountId);

    [Alias("request")]
    Task<CredentialRequestResult> RequestAsync(string accountId, CredentialRequest request);

    /// <summary>
    /// An admin makes a key pending that no agent has asked for (pre-provisioning), for a skill installed on the
    /// runtime that declares it; the value then goes through <see cref="SubmitAsync"/> as for any request. A key
    /// already pending or active is left as it is; a declined one opens again.
    /// </summary>
    [Alias("provision")]
    Task<CredentialRequestResult> ProvisionAsync(string accountId, CredentialProvision provision);

    /// <summary>
    /// An admin turns a pending request down, with a reason the agents on the runtime host read back (a note in the
    /// request directory). An agent asking again gets the reason; an admin providing the key opens it again.
    /// </summary>
    [Alias("decline")]
    Task<CredentialSnapshot> DeclineAsync(string accountId, CredentialDecline decline);

    /// <summary>
    /// An admin takes a key that openclaw.json on the runtime host holds by hand into management: the host moves the
    /// value into its secret file (it never leaves the host) and the credential becomes active with its fingerprint,
    /// as a submission would make it. Refused for a key already active, or one the host's openclaw.json does not hold.
    /// </summary>
    [Alias("import-from-host")]
    Task<CredentialSnapshot> ImportFromHostAsync(string accountId, CredentialImport import);

    /// <summary>Records a delivery the runtime host has confirmed (its fingerprint); moves pending/active to active, version + 1.</summary>
    [Alias("activate")]
    Task<CredentialSnapshot> ActivateAsync(string accountId, CredentialActivation activation);

    /// <summary>
    /// Checks the transition and expected version, has the runtime host open and store the sealed value, then
    /// records the activation — all in one turn of this grain, so concurrent submissions are strictly ordered.
    /// A runtime that is offline fails the call with RuntimeOfflineException and nothing changes anywhere.
    /// </summary>
    [Alias("submit")]
    Task<CredentialSnapshot> SubmitAsync(string accountId, CredentialSubmission submission);

    /// <summary>Checks the transition, removes the value from the runtime host, then records the revocation.</summary>
    [Alias("revoke")]
    Task<CredentialSnapshot> RevokeAsync(string accountId, CredentialRevocation revocation);

    /// <summary>
    /// Compares this credential with what its runtime host stores now and repairs the difference by the
    /// reconciliation rules, in one turn of this grain so no submission or revocation runs in between. Called by the
    /// runtime host's reconciler; a host that cannot be read changes nothing.
    /// </summary>
    [Alias("reconcile-with-host")]
    Task<HostDrift> ReconcileWithHostAsync();
}
