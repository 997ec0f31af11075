using Orleans.Concurrency;
using SkillsOrleans.Contracts.Credentials;

namespace SkillsOrleans.Contracts.Accounts;

/// <summary>
/// The tenant boundary, keyed by account slug. Owns members and roles, the feature flag and the runtimes bound to the
/// account (recorded in each runtime's directory entry, which the credential grains check), and the index of its
/// credentials. Every API call is authorized here (<see cref="AuthorizeAsync"/>) before anything else is touched;
/// credential writes then go to the credential's own grain, so a delivery never holds this grain's turn.
/// </summary>
[Alias("skillsorleans.account")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account; creating it again with the same owner is a no-op, with another owner a conflict.</summary>
    [Alias("create")]
    Task<AccountSnapshot> CreateAsync(AccountCreation creation);

    [ReadOnly]
    [Alias("get")]
    Task<AccountSnapshot?> GetAsync();

    /// <summary>The subject's role, or null if it is no member (or the account does not exist).</summary>
    [ReadOnly]
    [Alias("get-role")]
    Task<MemberRole?> GetRoleAsync(string subject);

    /// <summary>
    /// The one access check of the API: may <paramref name="subject"/> make a call that needs
    /// <paramref name="requirement"/>? Answers the account as it stands to a caller that may see it.
    /// </summary>
    [ReadOnly]
    [Alias("authorize")]
    Task<AccessDecision> AuthorizeAsync(string subject, AccessRequirement requirement);

    [Alias("set-member")]
    Task<AccountSnapshot> SetMemberAsync(string subject, MemberRole role);

    /// <summary>Removes a member; the last owner cannot be removed.</summary>
    [Alias("remove-member")]
    Task<AccountSnapshot> RemoveMemberAsync(string subject);

    [Alias("set-skills-poc-enabled")]
    Task<AccountSnapshot> SetSkillsPocEnabledAsync(bool enabled);

    /// <summary>
    /// The runtime's host has (re)started and says it serves this account: binds it (moving it from any other
    /// account) and records the registration time and host name.
    /// </summary>
    [Alias("register-runtime")]
    Task<AccountSnapshot> RegisterRuntimeAsync(string runtimeId, string? hostName);

    /// <summary>
    /// Binds a runtime to this account without its host (a platform admin's decision); a runtime belongs to one
    /// account, so any other account it was bound to forgets it. Binding it again is a no-op.
    /// </summary>
    [Alias("bind-runtime")]
    Task<AccountSnapshot> BindRuntimeAsync(string runtimeId);

    /// <summary>Forgets a runtime that now serves another account; its credentials stay in the index as history.</summary>
    [Alias("unregister-runtime")]
    Task<AccountSnapshot> UnregisterRuntimeAsync(string runtimeId);

    /// <summary>
    /// Records in the audit trail that a runtime bound to this account set a request file aside; the host moves the
    /// file only once this returns. A runtime not bound here, or a credential ref of another account or runtime, is
    /// refused as unknown and nothing is written.
    /// </summary>
    /// <exception cref="Audit.AuditWriteException">The row was not stored.</exception>
    [Alias("record-rejected-request")]
    Task RecordRejectedRequestAsync(RejectedCredentialRequest rejected);

    /// <summary>
    /// Records that placement refused a silo's claim to host one of this account's runtimes
    /// (<c>runtime.identity_refused</c>). Written here, on a core silo, because the silo that placed the call may be a
    /// runtime silo, whose database role cannot write the audit trail.
    /// </summary>
    /// <exception cref="Audit.AuditWriteException">The row was not stored.</exception>
    [Alias("record-runtime-identity-refused")]
    Task RecordRuntimeIdentityRefusedAsync(string runtimeId, string reason);

    /// <summary>The credential index: each credential's last acknowledged snapshot, optionally by status.</summary>
    [ReadOnly]
    [Alias("list-credentials")]
    Task<IReadOnlyList<CredentialSnapshot>> ListCredentialsAsync(CredentialStatus? status);

    /// <summary>
    /// The credential index in figures: each runtime's credentials by status (runtimes without any left out). What
    /// runtime listings show, without carrying every snapshot of a large account.
    /// </summary>
    [ReadOnly]
    [Alias("count-credentials-by-runtime")]
    Task<IReadOnlyDictionary<string, CredentialCounts>> CountCredentialsByRuntimeAsync();

    /// <summary>
    /// The whole credential index with a tag that changes whenever the index may; when <paramref name="knownTag"/> is
    /// the current tag, only the tag comes back (the reader holds the index already).
    /// </summary>
    [ReadOnly]
    [Alias("list-credentials-if-changed")]
    Task<CredentialIndexRead> ListCredentialsIfChangedAsync(string? knownTag);

    /// <summary>
    /// A CredentialGrain of this account reports its new snapshot after persisting it. Kept only if it is newer than
    /// the one indexed (a late or repeated report changes nothing); a ref of another account is refused.
    /// </summary>
    [Alias("index-credential")]
    Task IndexCredentialAsync(CredentialSnapshot credential);
}
