namespace SkillsOrleans.Contracts.Runtimes;

/// <summary>What a runtime host reports after storing a delivered value: the ref, version and fingerprint only.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.secret-delivery")]
public sealed record SecretDelivery(
    [property: Id(0)] string CredentialRef,
    [property: Id(1)] int Version,
    [property: Id(2)] string Fingerprint,
    [property: Id(3)] bool ReloadPending);

/// <summary>The host secret file's condition, for health. Never includes a value.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.secret-store-health")]
public sealed record SecretStoreHealth(
    [property: Id(0)] string State,
    [property: Id(1)] string Path,
    [property: Id(2)] int Entries,
    [property: Id(3)] string? Error);
