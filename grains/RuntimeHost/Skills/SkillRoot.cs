using SkillsOrleans.Model.Skills;

namespace SkillsOrleans.RuntimeHost.Skills;

/// <summary>
/// A place OpenClaw loads skills from other than <c>&lt;workspace&gt;/skills</c>: its <see cref="SkillSources"/> name, its
/// directory, and the prefix its skills' folders carry in the catalog. The prefixes start with a dot: the workspace
/// scan never lists a hidden folder, so a prefixed folder cannot be mistaken for a workspace skill's.
/// </summary>
public sealed record SkillRoot(string Source, string Directory, string FolderPrefix)
{
    public static SkillRoot ProjectAgents(string workspaceDir) =>
        new(SkillSources.ProjectAgents, Path.Combine(workspaceDir, ".agents", "skills"), ".agents/skills/");

    public static SkillRoot Managed(string stateDir) => new(SkillSources.Managed, Path.Combine(stateDir, "skills"), ".managed/");

    public static SkillRoot Bundled(string bundledSkillsDir) => new(SkillSources.Bundled, bundledSkillsDir, ".bundled/");
}
