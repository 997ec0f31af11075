namespace SkillsOrleans.Contracts.Errors;

/// <summary>
/// An agent asked again for a key an admin declined. The runtime host sets the request file aside with the code
/// <c>declined</c> and the admin's reason, so the agent reads why instead of waiting.
/// </summary>
[GenerateSerializer, Alias("skillsorleans.credential-request-declined")]
public sealed class CredentialRequestDeclinedException : Exception
{
    public CredentialRequestDeclinedException(string credentialRef, string declineReason)
        : base($"an administrator declined {credentialRef}: {declineReason}")
    {
        CredentialRef = credentialRef;
        DeclineReason = declineReason;
    }

    [Id(0)] public string CredentialRef { get; }

    [Id(1)] public string DeclineReason { get; }
}
