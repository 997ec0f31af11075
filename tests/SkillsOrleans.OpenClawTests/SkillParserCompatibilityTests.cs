using System.Text.Json;
using SkillsOrleans.RuntimeHost.Skills;

namespace SkillsOrleans.OpenClawTests;

/// <summary>Our SKILL.md reading agrees with OpenClaw's own on every skill its package bundles.</summary>
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
}
