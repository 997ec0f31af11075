namespace SkillsOrleans.Contracts.Errors;

/// <summary>
/// An agent's key request the account does not take now: its skills feature is off (<c>skillsPocEnabled</c>). The
/// runtime host sets the request file aside with the code <c>refused</c>, so the agent reads why instead of waiting.
/// </summary>
[GenerateSerializer, Alias("skillsorleans.credential-request-refused")]
public sealed class CredentialRequestRefusedException : Exception
{
    public CredentialRequestRefusedException(string accountId, string message)
        : base(message)
    {
        AccountId = accountId;
    }

    [Id(0)] public string AccountId { get; }
}
