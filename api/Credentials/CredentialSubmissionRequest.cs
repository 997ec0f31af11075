using SkillsOrleans.Sealing;

namespace SkillsOrleans.Api.Credentials;

/// <summary>
/// <c>POST /admin/skills/credentials</c>: exactly one of <see cref="Secret"/> (plaintext over TLS, sealed by the API at
/// once) or <see cref="SealedSecret"/> (sealed in the browser to the runtime's key). The defaults mark what a
/// client may leave out (the OpenAPI document lists the others as required); every field is checked by the endpoint.
/// </summary>
public sealed record CredentialSubmissionRequest(
    string? AccountId,
    string? CredentialRef,
    string? Secret = null,
    SealedSecretEnvelope? SealedSecret = null,
    int? ExpectedVersion = null)
{
    public const int MaxSecretLength = 16 * 1024;

    /// <summary>Never prints the secret.</summary>
    public override string ToString() => $"{CredentialRef} (expected version {ExpectedVersion?.ToString() ?? "any"})";
}

/// <summary>What the submission answers: the credential's new state, never its value.</summary>
public sealed record CredentialSubmissionResponse(string CredentialRef, string Status, int Version, string? Fingerprint);
