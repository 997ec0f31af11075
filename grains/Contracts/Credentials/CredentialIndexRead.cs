namespace SkillsOrleans.Contracts.Credentials;

/// <summary>
/// An account's credential index read by a reader that keeps the last answer: the tag of the index as it stands and,
/// unless the reader already holds that tag, every entry (ordered by credential ref).
/// </summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.credential-index-read")]
public sealed record CredentialIndexRead(
    [property: Id(0)] string Tag,
    [property: Id(1)] IReadOnlyList<CredentialSnapshot>? Credentials);
