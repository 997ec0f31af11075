using SkillsOrleans.Contracts.Credentials;

namespace SkillsOrleans.Api.Credentials;

/// <summary>
/// A credential as listings and live events show it: references, status, version, fingerprint, and while declined the
/// admin's reason — never a value.
/// </summary>
public sealed record CredentialView(
    string CredentialRef,
    string Status,
    int Version,
    string? Fingerprint,
    string? RequestedByAgent,
    string? RequestReason,
    DateTimeOffset RequestedAt,
    string? UpdatedBy,
    DateTimeOffset UpdatedAt,
    int NextVersion,
    string? DeclineReason)
{
    public static CredentialView From(CredentialSnapshot credential) => new(
        credential.CredentialRef,
        StatusName(credential.Status),
        credential.Version,
        credential.Fingerprint,
        credential.RequestedByAgent,
        credential.RequestReason,
        credential.RequestedAt,
        credential.UpdatedBy,
        credential.UpdatedAt,
        credential.NextVersion(),
        credential.DeclineReason);

    public static string StatusName(CredentialStatus status) => status.ToString().ToLowerInvariant();
}
