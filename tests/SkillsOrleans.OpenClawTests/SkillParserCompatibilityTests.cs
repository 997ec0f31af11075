using System.Text.Json;
using SkillsOrleans.Model.Skills;
using SkillsOrleans.RuntimeHost.Skills;

namespace SkillsOrleans.OpenClawTests;

/// <summary>
/// Our SKILL.md reading agrees with OpenClaw's own on every skill its package bundles; and our catalog takes each skill
/// from the place OpenClaw loads it from, hiding what OpenClaw hides behind a same-named skill higher up.
/// </summary>
public sealed class SkillParserCompatibilityTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("skillsorleans-openclaw-");
    private readonly OpenClawCli _cli;

    public SkillParserCompatibilityTests()
    {
        var workspace = Directory.CreateDirectory(Path.Combine(_root.FullName, "workspace"));
        var state = Directory.CreateDirectory(Path.Combine(_root.FullName, "state"));
        _cli = new OpenClawCli(state.FullName, workspace.FullName);
        _cli.WriteMinimalConfig();
    }

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Every_bundled_skill_gets_the_same_key_primary_env_and_required_env_from_us_and_from_openclaw()
    {
        var skillsDir = Path.Combine(_cli.WorkspaceDir, "skills");
        DirectoryCopy.Copy(_cli.BundledSkillsDir, skillsDir);

        var ours = new SkillCatalogScanner(skillsDir).Scan();
        var (exitCode, json, stderr) = await _cli.RunJsonAsync("skills", "list", "--json");
        var theirs = json.GetProperty("skills").EnumerateArray()
            .Where(s => s.GetProperty("source").GetString() == "openclaw-workspace")
            .ToDictionary(s => s.GetProperty("name").GetString()!, StringComparer.Ordinal);

        Assert.True(exitCode == 0, stderr);
        Assert.True(theirs.Count >= 40, $"openclaw listed only {theirs.Count} workspace skills");
        Assert.All(ours, skill => Assert.Null(skill.ParseError));
        Assert.Equal(theirs.Keys.Order(StringComparer.Ordinal), ours.Select(s => s.SkillKey).Order(StringComparer.Ordinal));
        Assert.All(ours, skill =>
        {
            var listed = theirs[skill.SkillKey];
            Assert.Equal(listed.TryGetProperty("primaryEnv", out var primary) ? primary.GetString() : null, skill.PrimaryEnv);
            // Nothing is configured, so OpenClaw reports every required env name as missing.
            Assert.Equal(Strings(listed.GetProperty("missing").GetProperty("env")), skill.Requires.Env.Order(StringComparer.Ordinal));
            Assert.Equal(Strings(listed.GetProperty("missing").GetProperty("bins")), skill.Requires.Bins.Order(StringComparer.Ordinal).Where(b => Strings(listed.GetProperty("missing").GetProperty("bins")).Contains(b)));
        });
    }

    [Fact]
    public async Task A_skill_openclaw_skips_as_invalid_is_the_one_we_list_as_broken()
    {
        var skillsDir = Path.Combine(_cli.WorkspaceDir, "skills");
        Directory.CreateDirectory(Path.Combine(skillsDir, "good"));
        Directory.CreateDirectory(Path.Combine(skillsDir, "nodesc"));
        File.WriteAllText(Path.Combine(skillsDir, "good", "SKILL.md"), "---\nname: good-skill\ndescription: fine\n---\n");
        File.WriteAllText(Path.Combine(skillsDir, "nodesc", "SKILL.md"), "---\nname: no-description\n---\n");

        var ours = new SkillCatalogScanner(skillsDir).Scan();
        var (_, json, _) = await _cli.RunJsonAsync("skills", "list", "--json");
        var theirs = json.GetProperty("skills").EnumerateArray()
            .Where(s => s.GetProperty("source").GetString() == "openclaw-workspace")
            .Select(s => s.GetProperty("name").GetString())
            .ToList();

        Assert.Equal(["good-skill"], theirs);
        Assert.Equal(["good-skill"], ours.Where(s => s.ParseError is null).Select(s => s.SkillKey));
        Assert.Contains(ours, s => s.Folder == "nodesc" && s.ParseError == "description is required");
    }

    private static IOrderedEnumerable<string> Strings(JsonElement array) =>
        array.EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal);

    private static void WriteSkill(string root, string folder, string name, string env)
    {
        var directory = Directory.CreateDirectory(Path.Combine(root, folder));
        File.WriteAllText(Path.Combine(directory.FullName, "SKILL.md"),
            $"---\nname: {name}\ndescription: A skill of this test.\nmetadata:\n  {{ \"openclaw\": {{ \"requires\": {{ \"env\": [\"{env}\"] }} }} }}\n---\n");
    }

    [Fact]
    public async Task Every_skill_comes_from_the_place_openclaw_loads_it_from_and_shadowed_copies_are_left_out_as_openclaw_leaves_them()
    {
        var workspaceSkills = Path.Combine(_cli.WorkspaceDir, "skills");
        var projectSkills = Path.Combine(_cli.WorkspaceDir, ".agents", "skills");
        var managedSkills = Path.Combine(_cli.StateDir, "skills");
        WriteSkill(workspaceSkills, "weather-local", "weather", "WEATHER_LOCAL_KEY"); // hides the bundled weather
        WriteSkill(workspaceSkills, "mine", "mine", "MINE_KEY");
        WriteSkill(projectSkills, "trello-project", "trello", "TRELLO_PROJECT_KEY"); // hides the bundled trello
        WriteSkill(projectSkills, "shared", "shared", "SHARED_PROJECT_KEY"); // hides the managed copy
        WriteSkill(managedSkills, "shared", "shared", "SHARED_MANAGED_KEY");
        WriteSkill(managedSkills, "notion", "notion", "NOTION_MANAGED_KEY"); // hides the bundled notion
        WriteSkill(managedSkills, "managed-only", "managed-only", "MANAGED_ONLY_KEY");

        var layers = new LayeredSkillCatalog(
            [SkillRoot.ProjectAgents(_cli.WorkspaceDir), SkillRoot.Managed(_cli.StateDir), SkillRoot.Bundled(_cli.BundledSkillsDir)],
            SkillCatalogScanner.DefaultMaxFoldersPerScan);
        layers.ScanLowerRoots();
        var ours = layers.Combine(new SkillCatalogScanner(workspaceSkills).Scan());
        var (exitCode, json, stderr) = await _cli.RunJsonAsync("skills", "list", "--json");
        var theirs = json.GetProperty("skills").EnumerateArray()
            .Select(s => (Name: s.GetProperty("name").GetString()!, Source: s.GetProperty("source").GetString()!))
            .Where(s => SkillSources.All.Contains(s.Source))
            .ToList();

        Assert.True(exitCode == 0, stderr);
        Assert.True(theirs.Count(s => s.Source == SkillSources.Bundled) >= 40, $"openclaw listed only {theirs.Count} bundled skills");
        Assert.All(ours, skill => Assert.Null(skill.ParseError));
        Assert.Equal(theirs.Order(), ours.Select(s => (Name: s.SkillKey, s.Source)).Order());
        var byKey = ours.ToDictionary(s => s.SkillKey, StringComparer.Ordinal);
        Assert.Equal(["WEATHER_LOCAL_KEY"], byKey["weather"].Requires.Env);
        Assert.Equal(["TRELLO_PROJECT_KEY"], byKey["trello"].Requires.Env);
        Assert.Equal(["SHARED_PROJECT_KEY"], byKey["shared"].Requires.Env);
        Assert.Equal(["NOTION_MANAGED_KEY"], byKey["notion"].Requires.Env);
        Assert.Equal((".agents/skills/shared", ".managed/managed-only", "mine"),
            (byKey["shared"].Folder, byKey["managed-only"].Folder, byKey["mine"].Folder));
        Assert.StartsWith(".bundled/", byKey["github"].Folder, StringComparison.Ordinal);
    }
}
