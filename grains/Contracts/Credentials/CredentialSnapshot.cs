namespace SkillsOrleans.Contracts.Credentials;

/// <summary>
/// What the cluster knows about a credential: references, status and a fingerprint — never the value.
/// <see cref="Version"/> counts deliveries of a value: 0 until the first one, +1 for each rotation, never reused.
/// <see cref="DeclineReason"/> is what an admin wrote when declining the request (only while declined); the agent reads it.
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
    [property: Id(8)] DateTimeOffset UpdatedAt,
    [property: Id(9)] string? DeclineReason = null)
{
    /// <summary>The version the first delivery of a value creates (a credential is at version 0 until then).</summary>
    public const int FirstVersion = 1;

    /// <summary>
    /// The version the next delivery of a value creates; an envelope is sealed for it. Stated here once, for the
    /// state machine, the API and (through the listings) the page.
    /// </summary>
    public int NextVersion() => checked(Version + 1);

    /// <summary>
    /// Whether this snapshot is a later state of the same credential than <paramref name="other"/>: every change
    /// moves the update time forward (or leaves it equal within one clock tick), and a delivery the version too.
    /// </summary>
    public bool IsNewerThan(CredentialSnapshot? other) =>
        other is null
        || Version > other.Version
        || (Version == other.Version && (UpdatedAt > other.UpdatedAt || (UpdatedAt == other.UpdatedAt && this != other)));
}
