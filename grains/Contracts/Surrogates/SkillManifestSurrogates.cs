using SkillsOrleans.Model.Skills;

namespace SkillsOrleans.Contracts.Surrogates;

/// <summary>The wire form of <see cref="SkillManifest"/> in grain calls (the Model library carries no Orleans attributes).</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.skill-manifest")]
public readonly record struct SkillManifestSurrogate(
    [property: Id(0)] string SkillKey,
    [property: Id(1)] string Folder,
    [property: Id(2)] string? Name,
    [property: Id(3)] string? Description,
    [property: Id(4)] string? Homepage,
    [property: Id(5)] string? Emoji,
    [property: Id(6)] string? PrimaryEnv,
    [property: Id(7)] SkillRequirements Requires,
    [property: Id(8)] IReadOnlyList<string> Os,
    [property: Id(9)] SkillOrigin? Origin,
    [property: Id(10)] string? ParseError,
    [property: Id(11)] string? Source);

[RegisterConverter]
public sealed class SkillManifestConverter : IConverter<SkillManifest, SkillManifestSurrogate>
{
    public SkillManifest ConvertFromSurrogate(in SkillManifestSurrogate surrogate) => new(
        surrogate.SkillKey, surrogate.Folder, surrogate.Name, surrogate.Description, surrogate.Homepage, surrogate.Emoji,
        surrogate.PrimaryEnv, surrogate.Requires, surrogate.Os, surrogate.Origin, surrogate.ParseError, surrogate.Source ?? SkillSources.Workspace);

    public SkillManifestSurrogate ConvertToSurrogate(in SkillManifest value) => new(
        value.SkillKey, value.Folder, value.Name, value.Description, value.Homepage, value.Emoji,
        value.PrimaryEnv, value.Requires, value.Os, value.Origin, value.ParseError, value.Source);
}

/// <summary>The wire form of <see cref="SkillRequirements"/>.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.skill-requirements")]
public readonly record struct SkillRequirementsSurrogate(
    [property: Id(0)] IReadOnlyList<string> Env,
    [property: Id(1)] IReadOnlyList<string> Bins,
    [property: Id(2)] IReadOnlyList<string> AnyBins,
    [property: Id(3)] IReadOnlyList<string> Config);

[RegisterConverter]
public sealed class SkillRequirementsConverter : IConverter<SkillRequirements, SkillRequirementsSurrogate>
{
    public SkillRequirements ConvertFromSurrogate(in SkillRequirementsSurrogate surrogate) =>
        new(surrogate.Env, surrogate.Bins, surrogate.AnyBins, surrogate.Config);

    public SkillRequirementsSurrogate ConvertToSurrogate(in SkillRequirements value) =>
        new(value.Env, value.Bins, value.AnyBins, value.Config);
}

/// <summary>The wire form of <see cref="SkillOrigin"/>.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.skill-origin")]
public readonly record struct SkillOriginSurrogate(
    [property: Id(0)] string Source,
    [property: Id(1)] string? Slug,
    [property: Id(2)] string? Version,
    [property: Id(3)] string? Registry,
    [property: Id(4)] DateTimeOffset? InstalledAt);

[RegisterConverter]
public sealed class SkillOriginConverter : IConverter<SkillOrigin, SkillOriginSurrogate>
{
    public SkillOrigin ConvertFromSurrogate(in SkillOriginSurrogate surrogate) =>
        new(surrogate.Source, surrogate.Slug, surrogate.Version, surrogate.Registry, surrogate.InstalledAt);

    public SkillOriginSurrogate ConvertToSurrogate(in SkillOrigin value) =>
        new(value.Source, value.Slug, value.Version, value.Registry, value.InstalledAt);
}
