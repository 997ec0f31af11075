namespace SkillsOrleans.Contracts.Runtimes;

/// <summary>
/// A runtime host opened an envelope and holds the value in memory, ready to store: the fingerprint lets the caller
/// record the change before it is made. Nothing is on disk yet; the held value is dropped if not committed in time.
/// </summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.prepared-delivery")]
public sealed record PreparedDelivery(
    [property: Id(0)] string CredentialRef,
    [property: Id(1)] int Version,
    [property: Id(2)] string Fingerprint);
