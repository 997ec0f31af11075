using SkillsOrleans.Sealing;

namespace SkillsOrleans.Contracts.Credentials;

/// <summary>An agent on a runtime host asks for a key its skill lacks.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.credential-request")]
public sealed record CredentialRequest(
    [property: Id(0)] string? AgentId,
    [property: Id(1)] string? Reason);

/// <summary>
/// An admin opens a key nobody has asked for yet, so a value can be provided ahead of an agent's request: only for a
/// skill the runtime's catalog lists as installed and declaring the key.
/// </summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.credential-provision")]
public sealed record CredentialProvision([property: Id(0)] string Actor);

/// <summary>
/// A value was delivered to the host: the credential becomes (or stays) active with a new version.
/// Carries the fingerprint the host computed; the value itself never travels with this record.
/// </summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.credential-activation")]
public sealed record CredentialActivation(
    [property: Id(0)] string Actor,
    [property: Id(1)] string Fingerprint,
    [property: Id(2)] int? ExpectedVersion);

/// <summary>
/// An admin's value for a credential, sealed to the credential's runtime host for the version it will create
/// (its next version). The cluster only ever carries this ciphertext. Repeating a submission that succeeded — the
/// same envelope, or the same <see cref="IdempotencyKey"/> from the same actor — answers the original result.
/// </summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.credential-submission")]
public sealed record CredentialSubmission(
    [property: Id(0)] string Actor,
    [property: Id(1)] int? ExpectedVersion,
    [property: Id(2)] SealedSecretEnvelope SealedSecret,
    [property: Id(3)] string? IdempotencyKey = null);

/// <summary>
/// An admin turns a pending request down, saying why: the agent reads the reason back on its host, and asking again
/// changes nothing until an admin provides the key after all (<see cref="ICredentialGrain.ProvisionAsync"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.credential-decline")]
public sealed record CredentialDecline(
    [property: Id(0)] string Actor,
    [property: Id(1)] string Reason)
{
    /// <summary>The longest reason kept; the agent reads it, so it is a sentence, not a document.</summary>
    public const int MaxReasonLength = 500;
}

/// <summary>An admin imports a key the runtime host's openclaw.json holds by hand (see <see cref="ICredentialGrain.ImportFromHostAsync"/>).</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.credential-import")]
public sealed record CredentialImport([property: Id(0)] string Actor);

/// <summary>An admin withdraws a key; with an <see cref="IdempotencyKey"/>, a repeat after success answers the original result.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.credential-revocation")]
public sealed record CredentialRevocation(
    [property: Id(0)] string Actor,
    [property: Id(1)] int? ExpectedVersion,
    [property: Id(2)] string? IdempotencyKey = null);

/// <summary>Whether a request created or reopened a pending credential, or found one already there.</summary>
public enum RequestOutcome
{
    Created = 1,
    Reopened = 2,
    AlreadyPending = 3,
    AlreadyActive = 4,
}

[GenerateSerializer, Immutable, Alias("skillsorleans.credential-request-result")]
public sealed record CredentialRequestResult(
    [property: Id(0)] RequestOutcome Outcome,
    [property: Id(1)] CredentialSnapshot Credential);

/// <summary>
/// A runtime host set an agent's request file aside: which runtime, the agent it named (if any), the credential it
/// asked for (when its names were well-formed) and why. Recorded in the audit trail by the runtime's account.
/// </summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.rejected-credential-request")]
public sealed record RejectedCredentialRequest(
    [property: Id(0)] string RuntimeId,
    [property: Id(1)] string? AgentId,
    [property: Id(2)] string? CredentialRef,
    [property: Id(3)] string Reason);
