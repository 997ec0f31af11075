using System.Globalization;
using System.Text;

namespace SkillsOrleans.Benchmarks.Workspace;

/// <summary>
/// Renders a <see cref="SyntheticSkill"/> as a SKILL.md laid out like OpenClaw's bundled ones: <c>name</c>, a quoted
/// <c>description</c>, <c>homepage</c>, a multi-line JSON5 <c>metadata</c> block (trailing commas included), then a
/// short markdown body. The revision only changes a line of the body.
/// </summary>
internal static class SkillMarkdownWriter
{
    public static string Render(SyntheticSkill skill, int revision)
    {
        var text = new StringBuilder(1_600);
        text.Append("---\n")
            .Append("name: ").Append(skill.Name).Append('\n')
            .Append("description: \"").Append(Description(skill)).Append("\"\n")
            .Append("homepage: https://").Append(skill.Service).Append(".example.com/docs/").Append(skill.Action).Append('\n')
            .Append("metadata:\n  {\n    \"openclaw\":\n      {\n")
            .Append("        \"emoji\": \"").Append(skill.Emoji).Append("\",\n");
        AppendRequirements(text, skill);
        AppendInstall(text, skill);
        text.Append("      },\n  }\n---\n\n");
        AppendBody(text, skill, revision);
        return text.ToString();
    }

    private static string Description(SyntheticSkill skill) =>
        $"{Capitalized(skill.Action)} {skill.Service} {skill.Objects} with the {skill.Tool} CLI: list, filter, and hand results back as JSON.";

    private static void AppendRequirements(StringBuilder text, SyntheticSkill skill)
    {
        var bins = $"[\"{skill.Tool}\"]";
        var env = string.Join(", ", skill.EnvNames.Select(name => $"\"{name}\""));
        var (os, requires) = skill.Shape switch
        {
            SkillShape.BinsFromBrew or SkillShape.BinsFromGo or SkillShape.BinsWithPrimaryEnvFromUv => (null, $"{{ \"bins\": {bins} }}"),
            SkillShape.AnyBinsWithPrimaryEnvFromNode => (null, $"{{ \"anyBins\": [\"{skill.Tool}\", \"curl\"] }}"),
            SkillShape.BinsAndEnvFromBrew => (null, $"{{ \"bins\": [\"{skill.Tool}\", \"jq\"], \"env\": [{env}] }}"),
            SkillShape.DarwinBinsFromBrew => ("[\"darwin\"]", $"{{ \"bins\": {bins} }}"),
            _ => ((string?)null, (string?)null),
        };

        if (os is not null)
        {
            text.Append("        \"os\": ").Append(os).Append(",\n");
        }

        if (requires is not null)
        {
            text.Append("        \"requires\": ").Append(requires).Append(",\n");
        }

        if (skill.EnvNames.Count > 0)
        {
            text.Append("        \"primaryEnv\": \"").Append(skill.EnvNames[0]).Append("\",\n");
        }
    }

    private static void AppendInstall(StringBuilder text, SyntheticSkill skill)
    {
        var (kind, field, value) = skill.Shape switch
        {
            SkillShape.AnyBinsWithPrimaryEnvFromNode => ("node", "package", $"@{skill.Service}/cli"),
            SkillShape.BinsFromGo => ("go", "module", $"example.com/{skill.Service}/cmd/{skill.Tool}@latest"),
            SkillShape.BinsWithPrimaryEnvFromUv => ("uv", "package", skill.Tool),
            _ => ("brew", "formula", $"{skill.Service}/tap/{skill.Tool}"),
        };

        text.Append("        \"install\":\n          [\n            {\n")
            .Append("              \"id\": \"").Append(kind).Append("\",\n")
            .Append("              \"kind\": \"").Append(kind).Append("\",\n")
            .Append("              \"").Append(field).Append("\": \"").Append(value).Append("\",\n")
            .Append("              \"bins\": [\"").Append(skill.Tool).Append("\"],\n")
            .Append("              \"label\": \"Install ").Append(skill.Tool).Append(" (").Append(kind).Append(")\",\n")
            .Append("            },\n          ],\n");
    }

    private static void AppendBody(StringBuilder text, SyntheticSkill skill, int revision)
    {
        var tool = skill.Tool;
        text.Append("# ").Append(Capitalized(skill.Service)).Append(' ').Append(Capitalized(skill.Action)).Append("\n\n")
            .Append("Use `").Append(tool).Append("` to ").Append(skill.Action).Append(' ').Append(skill.Objects)
            .Append(" in ").Append(Capitalized(skill.Service)).Append(". Prefer `--json` output and summarize it; never paste raw tokens.\n\n")
            .Append("## Setup\n\n```bash\n").Append(tool).Append(" --version\n").Append(tool).Append(" auth status\n```\n\n")
            .Append("## Common tasks\n\n")
            .Append("- List: `").Append(tool).Append(' ').Append(skill.Objects).Append(" list --limit 20 --json`\n")
            .Append("- ").Append(Capitalized(skill.Action)).Append(": `").Append(tool).Append(' ').Append(skill.Action).Append(" --since 7d --json`\n")
            .Append("- Details: `").Append(tool).Append(' ').Append(skill.Objects).Append(" show <id> --json`\n\n")
            .Append("Ask before changing or deleting anything. Revision ")
            .Append(revision.ToString(CultureInfo.InvariantCulture)).Append(".\n");
    }

    private static string Capitalized(string word) => string.Concat(word[..1].ToUpperInvariant(), word[1..]);
}
