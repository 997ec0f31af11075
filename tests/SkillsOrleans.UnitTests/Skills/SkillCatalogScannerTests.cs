using SkillsOrleans.RuntimeHost.Skills;

namespace SkillsOrleans.UnitTests.Skills;

/// <summary>Discovery and incremental rescans on a real directory tree.</summary>
public sealed class SkillCatalogScannerTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("skillsorleans-scan-");
    private readonly SkillCatalogScanner _scanner;

    public SkillCatalogScannerTests() => _scanner = new SkillCatalogScanner(Path.Combine(_root.FullName, "skills"));

    public void Dispose() => _root.Delete(recursive: true);

    private string WriteSkill(string relativeFolder, string name, string file = "SKILL.md")
    {
        var folder = Directory.CreateDirectory(Path.Combine(_scanner.SkillsDirectory, relativeFolder));
        var path = Path.Combine(folder.FullName, file);
        File.WriteAllText(path, $"---\nname: {name}\ndescription: {name} skill\n---\n");
        return path;
    }

    [Fact]
    public void A_missing_skills_directory_is_an_empty_catalog()
    {
        Assert.Empty(_scanner.Scan());
    }

    [Fact]
    public void Unchanged_skills_are_not_parsed_again_and_changes_are()
    {
        WriteSkill("a", "alpha");
        var beta = WriteSkill("b", "beta");

        Assert.Equal(["alpha", "beta"], _scanner.Scan().Select(s => s.SkillKey));
        Assert.Equal(2, _scanner.LastParsedCount);

        Assert.Equal(2, _scanner.Scan().Count);
        Assert.Equal(0, _scanner.LastParsedCount);

        File.WriteAllText(beta, "---\nname: beta2\ndescription: changed\n---\n");
        File.SetLastWriteTimeUtc(beta, DateTime.UtcNow.AddSeconds(5));
        Assert.Equal(["alpha", "beta2"], _scanner.Scan().Select(s => s.SkillKey));
        Assert.Equal(1, _scanner.LastParsedCount);
    }

    [Fact]
    public void A_removed_folder_disappears()
    {
        WriteSkill("a", "alpha");
        WriteSkill("b", "beta");
        _scanner.Scan();

        Directory.Delete(Path.Combine(_scanner.SkillsDirectory, "a"), recursive: true);

        Assert.Equal(["beta"], _scanner.Scan().Select(s => s.SkillKey));
    }

    [Fact]
    public void Nested_folders_are_found_down_to_six_levels_but_not_below_a_skill_or_in_hidden_folders()
    {
        WriteSkill("team/tools/deep", "nested");
        WriteSkill("1/2/3/4/5/six", "six-levels");
        WriteSkill("1/2/3/4/5/6/seven", "seven-levels");
        WriteSkill("outer", "outer");
        WriteSkill("outer/inner", "inner");
        WriteSkill(".hidden/x", "hidden");
        WriteSkill("node_modules/y", "module");
        WriteSkill("lower", "lowercase", file: "skill.md");

        var keys = _scanner.Scan().Select(s => s.SkillKey).ToList();

        Assert.Equal(["nested", "outer", "six-levels"], keys);
        Assert.Contains(_scanner.Scan(), s => s.Folder == "team/tools/deep");
    }

    [Fact]
    public void A_symlinked_folder_counts_only_when_it_stays_inside_the_skills_directory()
    {
        WriteSkill("real", "real");
        var outside = Directory.CreateDirectory(Path.Combine(_root.FullName, "outside", "escape"));
        File.WriteAllText(Path.Combine(outside.FullName, "SKILL.md"), "---\nname: escaped\ndescription: d\n---\n");
        Directory.CreateSymbolicLink(Path.Combine(_scanner.SkillsDirectory, "inside-link"), Path.Combine(_scanner.SkillsDirectory, "real"));
        Directory.CreateSymbolicLink(Path.Combine(_scanner.SkillsDirectory, "escape-link"), outside.FullName);

        var catalog = _scanner.Scan();

        Assert.Equal(2, catalog.Count(s => s.SkillKey == "real"));
        var escaped = Assert.Single(catalog, s => s.Folder == "escape-link");
        Assert.Contains("outside the skills directory", escaped.ParseError, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversized_manifest_is_broken_and_left_unread()
    {
        var path = WriteSkill("big", "big");
        File.WriteAllText(path, "---\nname: big\ndescription: d\n---\n" + new string('x', (int)SkillCatalogScanner.MaxManifestBytes));

        var big = Assert.Single(_scanner.Scan());

        Assert.Contains("larger than", big.ParseError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ClawHub_origin_record_is_read_and_a_change_to_it_is_noticed()
    {
        WriteSkill("trello", "trello");
        var origin = Directory.CreateDirectory(Path.Combine(_scanner.SkillsDirectory, "trello", ".clawhub"));
        File.WriteAllText(Path.Combine(origin.FullName, "origin.json"),
            """{"version":1,"registry":"https://clawhub.ai","slug":"trello","installedVersion":"1.2.0","installedAt":1763900000000}""");

        var skill = Assert.Single(_scanner.Scan());

        Assert.Equal(("clawhub", "trello", "1.2.0", "https://clawhub.ai"), (skill.Origin!.Source, skill.Origin.Slug, skill.Origin.Version, skill.Origin.Registry));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1763900000000), skill.Origin.InstalledAt);
    }
}
