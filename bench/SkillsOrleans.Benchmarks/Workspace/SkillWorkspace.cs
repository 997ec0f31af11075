using System.Globalization;
using System.Text;
using SkillsOrleans.RuntimeHost.Skills;

namespace SkillsOrleans.Benchmarks.Workspace;

/// <summary>
/// An OpenClaw workspace filled with generated skills: <c>&lt;root&gt;/skills/**/SKILL.md</c>, every fourth one with
/// the <c>.clawhub/origin.json</c> a ClawHub install leaves. The same count and seed always write the same files.
/// </summary>
internal sealed class SkillWorkspace
{
    public const int DefaultSeed = 20_260_906;

    private SkillWorkspace(string root, IReadOnlyList<SyntheticSkill> skills)
    {
        Root = root;
        Skills = skills;
    }

    public string Root { get; }

    public string SkillsDirectory => Path.Combine(Root, "skills");

    public IReadOnlyList<SyntheticSkill> Skills { get; }

    /// <summary>Writes <paramref name="count"/> skills under <c>&lt;root&gt;/skills</c>, which must not exist yet.</summary>
    public static SkillWorkspace Generate(string root, int count, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var workspace = new SkillWorkspace(
            Path.GetFullPath(root),
            [.. Enumerable.Range(0, count).Select(index => SyntheticSkill.Create(index, random))]);
        if (Directory.Exists(workspace.SkillsDirectory))
        {
            throw new IOException($"{workspace.SkillsDirectory} already exists; generate into a new directory.");
        }

        foreach (var skill in workspace.Skills)
        {
            var folder = Directory.CreateDirectory(workspace.FolderOf(skill));
            File.WriteAllText(Path.Combine(folder.FullName, SkillCatalogScanner.ManifestFileName), SkillMarkdownWriter.Render(skill, revision: 0));
            if (skill.HasClawHubOrigin)
            {
                WriteOrigin(folder, skill);
            }
        }

        return workspace;
    }

    public string ManifestPathOf(SyntheticSkill skill) => Path.Combine(FolderOf(skill), SkillCatalogScanner.ManifestFileName);

    /// <summary>The SKILL.md's path relative to <see cref="SkillsDirectory"/>, as the workspace's change monitor names it.</summary>
    public static string RelativeManifestPathOf(SyntheticSkill skill)
    {
        ArgumentNullException.ThrowIfNull(skill);
        return $"{skill.Folder}/{SkillCatalogScanner.ManifestFileName}";
    }

    /// <summary>Rewrites one SKILL.md with a new revision and moves its modification time forward by a second.</summary>
    public void Edit(SyntheticSkill skill, int revision)
    {
        ArgumentNullException.ThrowIfNull(skill);
        var path = ManifestPathOf(skill);
        var modified = File.GetLastWriteTimeUtc(path).AddSeconds(1);
        File.WriteAllText(path, SkillMarkdownWriter.Render(skill, revision));
        File.SetLastWriteTimeUtc(path, modified);
    }

    private string FolderOf(SyntheticSkill skill) => Path.Combine(SkillsDirectory, skill.Folder);

    private static void WriteOrigin(DirectoryInfo folder, SyntheticSkill skill)
    {
        var origin = folder.CreateSubdirectory(".clawhub");
        var installedAt = 1_767_225_600_000L + (skill.Index * 60_000L);
        var json = new StringBuilder()
            .Append("{\n  \"version\": 1,\n  \"registry\": \"https://clawhub.ai\",\n")
            .Append("  \"slug\": \"").Append(skill.Name).Append("\",\n")
            .Append("  \"installedVersion\": \"1.").Append((skill.Index % 9).ToString(CultureInfo.InvariantCulture)).Append(".0\",\n")
            .Append("  \"installedAt\": ").Append(installedAt.ToString(CultureInfo.InvariantCulture)).Append("\n}\n");
        File.WriteAllText(Path.Combine(origin.FullName, "origin.json"), json.ToString());
    }
}
