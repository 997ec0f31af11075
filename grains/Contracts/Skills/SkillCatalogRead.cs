namespace SkillsOrleans.Contracts.Skills;

/// <summary>
/// A runtime catalog read by a reader that keeps the last answer: the tag of the catalog as it stands and, unless the
/// reader already holds that tag, the catalog (null when none was published for the account).
/// </summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.skill-catalog-read")]
public sealed record SkillCatalogRead(
    [property: Id(0)] string Tag,
    [property: Id(1)] bool Unchanged,
    [property: Id(2)] SkillCatalog? Catalog);
