namespace SkillsOrleans.Contracts.Credentials;

/// <summary>
/// One credential's state machine, keyed by its credential ref. Every method takes the account the caller acts for
/// and refuses a ref of another account, so a confused or malicious caller cannot cross a tenant boundary here either.
/// Callers reach it through the AccountGrain, which checks membership first.
/// </summary>
[Alias("skillsorleans.credential")]
public interface ICredentialGrain : IGrainWithStringKey
{
    [Alias("get")]
    Task<CredentialSnapshot?> GetAsync(string accountId);

    [Alias("request")]
    Task<CredentialRequestResult> RequestAsync(string accountId, CredentialRequest request);

    [Alias("activate")]
    Task<CredentialSnapshot> ActivateAsync(string accountId, CredentialActivation activation);

    [Alias("revoke")]
    Task<CredentialSnapshot> RevokeAsync(string accountId, CredentialRevocation revocation);
}
