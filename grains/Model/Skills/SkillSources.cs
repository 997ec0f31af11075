namespace SkillsOrleans.Model.Skills;

/// <summary>
/// The places OpenClaw loads skills from, named as <c>openclaw skills list --json</c> names them (its <c>source</c>),
/// in OpenClaw's order of precedence: when two places hold a skill of the same name, the earlier one wins.
/// </summary>
public static class SkillSources
{
    /// <summary><c>&lt;workspace&gt;/skills</c>: where agents install skills; wins over every other place.</summary>
    public const string Workspace = "openclaw-workspace";

    /// <summary><c>&lt;workspace&gt;/.agents/skills</c>: the workspace's project agent skills.</summary>
    public const string ProjectAgents = "agents-skills-project";

    /// <summary><c>&lt;state dir&gt;/skills</c>: managed skills, shared by every agent of the gateway.</summary>
    public const string Managed = "openclaw-managed";

    /// <summary>The skills shipped with the OpenClaw install the gateway runs.</summary>
    public const string Bundled = "openclaw-bundled";

    /// <summary>In precedence order, highest first.</summary>
    public static IReadOnlyList<string> All { get; } = [Workspace, ProjectAgents, Managed, Bundled];
}
