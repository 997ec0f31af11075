using System.Text.Json;
using SkillsOrleans.Model.Skills;
using SkillsOrleans.RuntimeHost.Skills;
using SkillsOrleans.RuntimeHost.Workspace;

namespace SkillsOrleans.UnitTests.Skills;

/// <summary>A rescan told which paths changed looks only there, and lists what a whole scan would.</summary>
public sealed class SkillCatalogRescanTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("skillsorleans-rescan-");
    private readonly SkillCatalogScanner _scanner;

    public SkillCatalogRescanTests() => _scanner = new SkillCatalogScanner(Path.Combine(_root.FullName, "skills"));

    public void Dispose() => _root.Delete(recursive: true);

    private string Full(string relative) => Path.Combine(_scanner.SkillsDirectory, relative);

    private void WriteSkill(string folder, string name, string description = "does things")
    {
        Directory.CreateDirectory(Full(folder));
        File.WriteAllText(Full($"{folder}/SKILL.md"), $"---\nname: {name}\ndescription: {description}\n---\n");
        File.SetLastWriteTimeUtc(Full($"{folder}/SKILL.md"), DateTime.UtcNow.AddSeconds(Random.Shared.Next(1, 1000)));
    }

    private static SkillTreeChanges Changed(params string[] paths) => new(false, paths);

    private List<string> WholeScanOfTheSameTree() => Described(new SkillCatalogScanner(_scanner.SkillsDirectory).Scan());

    // Manifests hold arrays, which records compare by reference; their JSON compares what they say.
    private static List<string> Described(IEnumerable<SkillManifest> catalog) => [.. catalog.Select(m => JsonSerializer.Serialize(m))];

    private void WriteMany(int count)
    {
        for (var i = 0; i < count; i++)
        {
            WriteSkill($"skill-{i:D3}", $"skill-{i:D3}");
        }
    }

    [Fact]
    public void An_edited_skill_is_the_only_folder_looked_into_and_the_only_file_parsed()
    {
        WriteMany(50);
        _scanner.Scan();
        Assert.Equal(50, _scanner.LastFoldersVisited);

        WriteSkill("skill-017", "skill-017", "now does other things");
        var catalog = _scanner.Rescan(Changed("skill-017/SKILL.md"));

        Assert.Equal((1, 1, false), (_scanner.LastFoldersVisited, _scanner.LastParsedCount, _scanner.LastScanWasWhole));
        Assert.Equal("now does other things", catalog.Single(s => s.SkillKey == "skill-017").Description);
        Assert.Equal(WholeScanOfTheSameTree(), Described(catalog));
    }

    [Fact]
    public void Installed_removed_and_regrouped_skills_come_out_as_a_whole_scan_would_list_them()
    {
        WriteMany(20);
        WriteSkill("team/a", "team-a");
        WriteSkill("team/b", "team-b");
        _scanner.Scan();

        WriteSkill("fresh", "fresh");
        Assert.Contains(_scanner.Rescan(Changed("fresh")), s => s.SkillKey == "fresh");
        Assert.Equal(1, _scanner.LastFoldersVisited);

        Directory.Delete(Full("skill-003"), recursive: true);
        Assert.DoesNotContain(_scanner.Rescan(Changed("skill-003")), s => s.SkillKey == "skill-003");
        Assert.Equal(0, _scanner.LastFoldersVisited);

        // The group folder gets a SKILL.md of its own: it becomes one skill and nothing below it is listed any more.
        WriteSkill("team", "team");
        var regrouped = _scanner.Rescan(Changed("team/SKILL.md"));
        Assert.Contains(regrouped, s => s.SkillKey == "team");
        Assert.DoesNotContain(regrouped, s => s.SkillKey is "team-a" or "team-b");

        // And back: the group's own SKILL.md goes, the skills below it are listed again.
        File.Delete(Full("team/SKILL.md"));
        var ungrouped = _scanner.Rescan(Changed("team/SKILL.md"));
        Assert.Contains(ungrouped, s => s.SkillKey == "team-a");
        Assert.DoesNotContain(ungrouped, s => s.SkillKey == "team");

        Directory.Delete(Full("team"), recursive: true);
        Assert.Equal(WholeScanOfTheSameTree(), Described(_scanner.Rescan(Changed("team"))));
        Assert.False(_scanner.LastScanWasWhole);
    }

    [Fact]
    public void A_change_to_an_origin_record_rereads_that_skill()
    {
        WriteMany(5);
        _scanner.Scan();
        Directory.CreateDirectory(Full("skill-002/.clawhub"));
        File.WriteAllText(Full("skill-002/.clawhub/origin.json"),
            """{"version":1,"registry":"https://clawhub.ai","slug":"s2","installedVersion":"2.0.0","installedAt":1763900000000}""");

        var catalog = _scanner.Rescan(Changed("skill-002/.clawhub/origin.json"));

        Assert.Equal("2.0.0", catalog.Single(s => s.SkillKey == "skill-002").Origin?.Version);
        Assert.Equal(1, _scanner.LastParsedCount);
    }

    [Fact]
    public void Paths_in_hidden_folders_node_modules_or_too_deep_are_not_looked_into()
    {
        WriteMany(3);
        _scanner.Scan();
        WriteSkill(".hidden/x", "hidden");
        WriteSkill("node_modules/y", "module");
        WriteSkill("1/2/3/4/5/6/seven", "seven");

        var catalog = _scanner.Rescan(Changed(".hidden/x/SKILL.md", "node_modules/y/SKILL.md", "1/2/3/4/5/6/seven/SKILL.md"));

        Assert.Equal(3, catalog.Count);
        Assert.Equal(0, _scanner.LastFoldersVisited);
    }

    [Fact]
    public void Everything_before_the_first_whole_scan_or_after_a_capped_one_walks_the_whole_tree()
    {
        WriteMany(5);
        Assert.Equal(5, _scanner.Rescan(Changed("skill-001/SKILL.md")).Count);
        Assert.True(_scanner.LastScanWasWhole);

        _scanner.Rescan(SkillTreeChanges.All);
        Assert.True(_scanner.LastScanWasWhole);

        var capped = new SkillCatalogScanner(_scanner.SkillsDirectory, maxFoldersPerScan: 3);
        capped.Scan();
        Assert.True(capped.LastScanCapped);
        capped.Rescan(Changed("skill-004/SKILL.md"));
        Assert.True(capped.LastScanWasWhole);
    }

    [Fact]
    public void A_narrow_look_that_would_pass_the_folder_budget_becomes_a_whole_capped_scan()
    {
        var scanner = new SkillCatalogScanner(_scanner.SkillsDirectory, maxFoldersPerScan: 4);
        WriteMany(3);
        scanner.Scan();
        Assert.False(scanner.LastScanCapped);

        WriteSkill("group/a", "a");
        WriteSkill("group/b", "b");
        var catalog = scanner.Rescan(Changed("group"));

        Assert.True(scanner.LastScanWasWhole);
        Assert.True(scanner.LastScanCapped);
        Assert.True(catalog.Count <= 4);
    }

    [Fact]
    public void Seeded_random_edits_followed_by_narrow_rescans_always_list_what_a_whole_scan_lists()
    {
        var random = new Random(20261205);
        var folders = new[] { "a", "b", "c", "g/x", "g/y", "g", "g/x/inner", "h/i/j", "h" };
        Directory.CreateDirectory(_scanner.SkillsDirectory);
        _scanner.Scan();
        for (var step = 0; step < 300; step++)
        {
            var folder = folders[random.Next(folders.Length)];
            var changed = new List<string>();
            switch (random.Next(4))
            {
                case 0 or 1:
                    WriteSkill(folder, $"n{step}");
                    changed.Add($"{folder}/SKILL.md");
                    break;
                case 2 when File.Exists(Full($"{folder}/SKILL.md")):
                    File.Delete(Full($"{folder}/SKILL.md"));
                    changed.Add($"{folder}/SKILL.md");
                    break;
                case 3 when Directory.Exists(Full(folder)):
                    Directory.Delete(Full(folder), recursive: true);
                    changed.Add(folder);
                    break;
            }

            var narrow = _scanner.Rescan(Changed([.. changed]));

            Assert.Equal(WholeScanOfTheSameTree(), Described(narrow));
            Assert.False(_scanner.LastScanWasWhole, $"step {step} walked the whole tree");
        }
    }
}
