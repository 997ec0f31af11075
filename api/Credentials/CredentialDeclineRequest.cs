using SkillsOrleans.Contracts.Credentials;

namespace SkillsOrleans.Api.Credentials;

/// <summary>The body of a decline: why the request is turned down, in words the agent that asked will read.</summary>
public sealed record CredentialDeclineRequest(string? Reason)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(Reason))
        {
            errors["reason"] = ["say why the request is declined: the agent that asked reads it"];
        }
        else if (Reason.Length > CredentialDecline.MaxReasonLength)
        {
            errors["reason"] = [$"a reason is at most {CredentialDecline.MaxReasonLength} characters"];
        }

        return errors;
    }
}
