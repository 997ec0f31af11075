using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Testing;

/// <summary>
/// Credential calls made as one account's callers make them: straight to each credential's grain, naming the account
/// they act for. A ref of another account, or of a runtime not bound to this one, is refused by the grain itself.
/// </summary>
public sealed class TenantCredentials(IGrainFactory grains, string accountId)
{
    public string AccountId => accountId;

    public ICredentialGrain Grain(CredentialRef credentialRef) => grains.GetGrain<ICredentialGrain>(credentialRef.ToString());

    public Task<CredentialRequestResult> RequestCredentialAsync(CredentialRef credentialRef, CredentialRequest request) =>
        Grain(credentialRef).RequestAsync(accountId, request);

    public Task<CredentialSnapshot> ActivateCredentialAsync(CredentialRef credentialRef, CredentialActivation activation) =>
        Grain(credentialRef).ActivateAsync(accountId, activation);

    public Task<CredentialSnapshot> SubmitCredentialAsync(CredentialRef credentialRef, CredentialSubmission submission) =>
        Grain(credentialRef).SubmitAsync(accountId, submission);

    public Task<CredentialSnapshot> RevokeCredentialAsync(CredentialRef credentialRef, CredentialRevocation revocation) =>
        Grain(credentialRef).RevokeAsync(accountId, revocation);

    /// <summary>The credential, or the not-found a caller gets for one that was never requested.</summary>
    public async Task<CredentialSnapshot> GetCredentialAsync(CredentialRef credentialRef) =>
        await Grain(credentialRef).GetAsync(accountId) ?? throw new ResourceNotFoundException("credential", credentialRef.ToString());
}
