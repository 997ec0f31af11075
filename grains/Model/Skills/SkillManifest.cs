namespace SkillsOrleans.Model.Skills;

/// <summary>
/// What a runtime found in one skill folder's SKILL.md: identity, description and requirements as OpenClaw reads
/// them, and where OpenClaw loads it from (<see cref="Source"/>, one of <see cref="SkillSources"/>). Never holds a secret
/// (only the names of the environment variables a skill needs). <see cref="Folder"/> is the folder below its source's
/// root, behind the source's prefix for sources other than the workspace (<c>.managed/weather</c>), so it names one
/// folder across the whole catalog.
/// </summary>
public sealed record SkillManifest(
    string SkillKey,
    string Folder,
    string? Name,
    string? Description,
    string? Homepage,
    string? Emoji,
    string? PrimaryEnv,
    SkillRequirements Requires,
    IReadOnlyList<string> Os,
    SkillOrigin? Origin,
    string? ParseError,
    string Source = SkillSources.Workspace)
{
    /// <summary>Every key the runtime may ask an admin for: the required env names plus the primary env.</summary>
    public IReadOnlyList<string> CredentialKeys() =>
        [.. Requires.Env.Concat(PrimaryEnv is null ? [] : [PrimaryEnv]).Distinct(StringComparer.Ordinal)];
}

public sealed record SkillRequirements(
    IReadOnlyList<string> Env,
    IReadOnlyList<string> Bins,
    IReadOnlyList<string> AnyBins,
    IReadOnlyList<string> Config)
{
    public static SkillRequirements None { get; } = new([], [], [], []);
}

/// <summary>Where an installed skill came from, when its installer recorded it (ClawHub).</summary>
public sealed record SkillOrigin(
    string Source,
    string? Slug,
    string? Version,
    string? Registry,
    DateTimeOffset? InstalledAt);
