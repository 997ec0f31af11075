using System.Globalization;

namespace SkillsOrleans.Benchmarks.Workspace;

/// <summary>
/// One generated skill: where its folder sits under <c>skills/</c> and what its SKILL.md declares. Drawn from a seeded
/// <see cref="Random"/> in index order, so the same seed always yields the same skills.
/// </summary>
internal sealed record SyntheticSkill(
    int Index,
    string Folder,
    string Name,
    string Service,
    string Action,
    string Objects,
    string Emoji,
    string Tool,
    SkillShape Shape,
    IReadOnlyList<string> EnvNames,
    bool HasClawHubOrigin)
{
    public static SyntheticSkill Create(int index, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var service = random.Pick(SkillVocabulary.Services);
        var action = random.Pick(SkillVocabulary.Actions);
        var name = string.Create(CultureInfo.InvariantCulture, $"{service}-{action}-{index:D4}");
        var shape = (SkillShape)random.Next(Enum.GetValues<SkillShape>().Length);
        var prefix = service.ToUpperInvariant();
        string[] env = shape switch
        {
            SkillShape.BinsAndEnvFromBrew => [$"{prefix}_API_KEY", $"{prefix}_ACCOUNT_ID"],
            SkillShape.AnyBinsWithPrimaryEnvFromNode or SkillShape.BinsWithPrimaryEnvFromUv => [$"{prefix}_TOKEN"],
            _ => [],
        };

        return new SyntheticSkill(
            index,
            FolderFor(index, name, random),
            name,
            service,
            action,
            random.Pick(SkillVocabulary.Objects),
            random.Pick(SkillVocabulary.Emojis),
            $"{service}ctl",
            shape,
            env,
            HasClawHubOrigin: index % 4 == 0);
    }

    /// <summary>Most skills sit directly under <c>skills/</c>; one in five is grouped one level down, one in fifty two.</summary>
    private static string FolderFor(int index, string name, Random random) => (index % 50, index % 5) switch
    {
        (0, _) => $"{random.Pick(SkillVocabulary.Groups)}/{random.Pick(SkillVocabulary.Subgroups)}/{name}",
        (_, 0) => $"{random.Pick(SkillVocabulary.Groups)}/{name}",
        _ => name,
    };
}
