namespace SkillsOrleans.Contracts.Skills;

/// <summary>
/// What a runtime found in one skill folder's SKILL.md: identity, description and requirements as OpenClaw reads
/// them. Never holds a secret (only the names of the environment variables a skill needs).
/// </summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.skill-manifest")]
public sealed record SkillManifest(
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
    [property: Id(10)] string? ParseError)
{
    /// <summary>Every key the runtime may ask an admin for: the required env names plus the primary env.</summary>
    public IReadOnlyList<string> CredentialKeys() =>
        [.. Requires.Env.Concat(PrimaryEnv is null ? [] : [PrimaryEnv]).Distinct(StringComparer.Ordinal)];
}

[GenerateSerializer, Immutable, Alias("skillsorleans.skill-requirements")]
public sealed record SkillRequirements(
    [property: Id(0)] IReadOnlyList<string> Env,
    [property: Id(1)] IReadOnlyList<string> Bins,
    [property: Id(2)] IReadOnlyList<string> AnyBins,
    [property: Id(3)] IReadOnlyList<string> Config)
{
    public static SkillRequirements None { get; } = new([], [], [], []);
}

/// <summary>Where an installed skill came from, when its installer recorded it (ClawHub).</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.skill-origin")]
public sealed record SkillOrigin(
    [property: Id(0)] string Source,
    [property: Id(1)] string? Slug,
    [property: Id(2)] string? Version,
    [property: Id(3)] string? Registry,
    [property: Id(4)] DateTimeOffset? InstalledAt);

/// <summary>The skills one runtime has installed, as of one scan.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.skill-catalog")]
public sealed record SkillCatalog(
    [property: Id(0)] string RuntimeId,
    [property: Id(1)] DateTimeOffset ScannedAt,
    [property: Id(2)] IReadOnlyList<SkillManifest> Skills);
