namespace SkillsOrleans.Contracts.Credentials;

/// <summary>
/// What the cluster knows about a credential: references, status and a fingerprint — never the value.
/// <see cref="Version"/> counts deliveries of a value: 0 until the first one, +1 for each rotation, never reused.
/// </summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.credential-snapshot")]
public sealed record CredentialSnapshot(
    [property: Id(0)] string CredentialRef,
    [property: Id(1)] CredentialStatus Status,
    [property: Id(2)] int Version,
    [property: Id(3)] string? Fingerprint,
    [property: Id(4)] string? RequestedByAgent,
    [property: Id(5)] string? RequestReason,
    [property: Id(6)] DateTimeOffset RequestedAt,
    [property: Id(7)] string? UpdatedBy,
    [property: Id(8)] DateTimeOffset UpdatedAt);
