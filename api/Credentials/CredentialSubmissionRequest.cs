using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Sealing;

namespace SkillsOrleans.Api.Credentials;

/// <summary>
/// <c>POST /api/accounts/{account}/credentials/{runtime}/{skillKey}/{keyName}</c>: exactly one of <see cref="Secret"/>
/// (plaintext over TLS, sealed by the API at once) or <see cref="SealedSecret"/> (sealed in the browser to the runtime's
/// key for the credential's next version). The defaults mark what a client may leave out.
/// </summary>
public sealed record CredentialValue(
    string? Secret = null,
    SealedSecretEnvelope? SealedSecret = null,
    int? ExpectedVersion = null)
{
    public const int MaxSecretLength = 16 * 1024;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if ((Secret is null) == (SealedSecret is null))
        {
            errors["secret"] = ["send exactly one of secret and sealedSecret"];
        }
        else if (Secret is not null && SecretText.Problem(Secret) is { } problem)
        {
            errors["secret"] = [problem];
        }

        if (ExpectedVersion is < 0)
        {
            errors["expectedVersion"] = ["expectedVersion cannot be negative"];
        }

        return errors;
    }

    /// <summary>Never prints the secret.</summary>
    public override string ToString() => $"credential value (expected version {ExpectedVersion?.ToString() ?? "any"})";
}

/// <summary>
/// <c>POST /admin/skills/credentials</c>, the alias route: the same value, with the account and the credential ref
/// named in the body.
/// </summary>
public sealed record CredentialSubmissionRequest(
    string? AccountId,
    string? CredentialRef,
    string? Secret = null,
    SealedSecretEnvelope? SealedSecret = null,
    int? ExpectedVersion = null)
{
    public CredentialValue Value => new(Secret, SealedSecret, ExpectedVersion);

    public Dictionary<string, string[]> Validate(out CredentialRef? credentialRef)
    {
        var errors = Value.Validate();
        credentialRef = null;
        if (!ResourceIds.IsAccountId(AccountId))
        {
            errors["accountId"] = ["accountId is not an account id"];
        }

        if (!Model.Identifiers.CredentialRef.TryParse(CredentialRef, out var parsed))
        {
            errors["credentialRef"] = ["credentialRef must be account/runtime/skillKey/KEY_NAME"];
        }
        else if (!string.Equals(parsed.Value.Account, AccountId, StringComparison.Ordinal))
        {
            errors["credentialRef"] = ["credentialRef belongs to another account than accountId"];
        }
        else
        {
            credentialRef = parsed;
        }

        return errors;
    }

    /// <summary>Never prints the secret.</summary>
    public override string ToString() => $"{CredentialRef} (expected version {ExpectedVersion?.ToString() ?? "any"})";
}

/// <summary>What a submission or revocation answers: the credential's new state, never its value.</summary>
public sealed record CredentialSubmissionResponse(string CredentialRef, string Status, int Version, string? Fingerprint, int NextVersion)
{
    public static CredentialSubmissionResponse Of(CredentialSnapshot credential) =>
        new(credential.CredentialRef, CredentialView.StatusName(credential.Status), credential.Version, credential.Fingerprint, credential.NextVersion());
}
