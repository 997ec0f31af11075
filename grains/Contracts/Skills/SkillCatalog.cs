using SkillsOrleans.Model.Skills;

namespace SkillsOrleans.Contracts.Skills;

/// <summary>The skills one runtime has installed, as of one scan.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.skill-catalog")]
public sealed record SkillCatalog(
    [property: Id(0)] string RuntimeId,
    [property: Id(1)] DateTimeOffset ScannedAt,
    [property: Id(2)] IReadOnlyList<SkillManifest> Skills);
