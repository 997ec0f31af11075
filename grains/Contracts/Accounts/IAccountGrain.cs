using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Contracts.Accounts;

/// <summary>
/// The tenant boundary, keyed by account slug. Owns members and roles, the feature flag, the runtimes bound to the
/// account and the index of its credentials. Every credential operation enters here and is refused unless the ref
/// names this account and a runtime bound to it; unknown and foreign refs read the same (not found).
/// </summary>
[Alias("skillsorleans.account")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account; creating it again with the same owner is a no-op, with another owner a conflict.</summary>
    [Alias("create")]
    Task<AccountSnapshot> CreateAsync(AccountCreation creation);

    [Alias("get")]
    Task<AccountSnapshot?> GetAsync();

    /// <summary>The subject's role, or null if it is no member (or the account does not exist).</summary>
    [Alias("get-role")]
    Task<MemberRole?> GetRoleAsync(string subject);

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

    /// <summary>A bound runtime replaces its published skill catalog (metadata only).</summary>
    [Alias("publish-skill-catalog")]
    Task PublishSkillCatalogAsync(SkillCatalog catalog);

    /// <summary>The last catalog each bound runtime published.</summary>
    [Alias("list-skill-catalogs")]
    Task<IReadOnlyList<SkillCatalog>> ListSkillCatalogsAsync();

    [Alias("list-credentials")]
    Task<IReadOnlyList<CredentialSnapshot>> ListCredentialsAsync(CredentialStatus? status);

    [Alias("get-credential")]
    Task<CredentialSnapshot> GetCredentialAsync(CredentialRef credentialRef);

    [Alias("request-credential")]
    Task<CredentialRequestResult> RequestCredentialAsync(CredentialRef credentialRef, CredentialRequest request);

    [Alias("activate-credential")]
    Task<CredentialSnapshot> ActivateCredentialAsync(CredentialRef credentialRef, CredentialActivation activation);

    [Alias("submit-credential")]
    Task<CredentialSnapshot> SubmitCredentialAsync(CredentialRef credentialRef, CredentialSubmission submission);

    [Alias("revoke-credential")]
    Task<CredentialSnapshot> RevokeCredentialAsync(CredentialRef credentialRef, CredentialRevocation revocation);
}
