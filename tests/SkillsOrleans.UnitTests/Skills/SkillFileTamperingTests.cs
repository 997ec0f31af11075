using SkillsOrleans.RuntimeHost.Skills;
using SkillsOrleans.UnitTests.Workspace;

namespace SkillsOrleans.UnitTests.Skills;

/// <summary>
/// What an agent can put into <c>skills/</c> besides skills: a SKILL.md that is a link (to a host file or within its
/// folder), a FIFO or socket named SKILL.md or origin.json, a flood of folders. The scan never reads through a link,
/// never blocks, and stops at its folder budget.
/// </summary>
public sealed class SkillFileTamperingTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("skillsorleans-scan-tamper-");
    private readonly SkillCatalogScanner _scanner;

    public SkillFileTamperingTests() => _scanner = new SkillCatalogScanner(Path.Combine(_root.FullName, "workspace", "skills"));

    public void Dispose() => _root.Delete(recursive: true);

    private DirectoryInfo Folder(string relative) => Directory.CreateDirectory(Path.Combine(_scanner.SkillsDirectory, relative));

    private string WriteSkill(string relative, string name, string file = SkillCatalogScanner.ManifestFileName)
    {
        var path = Path.Combine(Folder(relative).FullName, file);
        File.WriteAllText(path, $"---\nname: {name}\ndescription: {name} skill\n---\n");
        return path;
    }

    /// <summary>A file only the host may read, shaped like a skill so that reading it would show.</summary>
    private string HostFile()
    {
        var state = Directory.CreateDirectory(Path.Combine(_root.FullName, "state", "secrets"));
        var path = Path.Combine(state.FullName, "runtime-secrets.json");
        File.WriteAllText(path, "---\nname: leaked\ndescription: sk-host-only\n---\n");
        return path;
    }

    [Fact]
    public void A_SKILL_md_linking_to_a_host_file_is_listed_broken_and_the_file_is_not_read()
    {
        File.CreateSymbolicLink(Path.Combine(Folder("evil").FullName, "SKILL.md"), HostFile());

        var evil = Assert.Single(_scanner.Scan());

        Assert.Equal("evil", evil.SkillKey);
        Assert.Null(evil.Description);
        Assert.Contains("link", evil.ParseError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_SKILL_md_that_is_a_link_within_its_own_folder_is_not_followed_either()
    {
        var real = WriteSkill("linked", "linked", file: "REAL.md");
        File.CreateSymbolicLink(Path.Combine(Path.GetDirectoryName(real)!, "SKILL.md"), "REAL.md");

        var linked = Assert.Single(_scanner.Scan());

        Assert.Equal("linked", linked.Folder);
        Assert.Null(linked.Description);
        Assert.Contains("symbolic link", linked.ParseError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_SKILL_md_hard_linked_to_a_host_file_is_listed_broken_unread()
    {
        var host = HostFile();
        var folder = Folder("hard");
        using (var ln = System.Diagnostics.Process.Start("/usr/bin/ln", [host, Path.Combine(folder.FullName, "SKILL.md")]))
        {
            ln.WaitForExit();
            Assert.Equal(0, ln.ExitCode);
        }

        var hard = Assert.Single(_scanner.Scan());

        Assert.Null(hard.Description);
        Assert.Contains("hard link", hard.ParseError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_named_SKILL_md_is_listed_broken_and_the_scan_does_not_block()
    {
        WriteSkill("fine", "fine");
        var fifo = Path.Combine(Folder("pipe").FullName, "SKILL.md");
        SpecialFiles.MakeFifo(fifo);

        var catalog = await SpecialFiles.WithinDeadlineAsync(_scanner.Scan, fifo);

        Assert.Contains(catalog, s => s.SkillKey == "fine" && s.ParseError is null);
        var pipe = Assert.Single(catalog, s => s.Folder == "pipe");
        Assert.Contains("not a regular file", pipe.ParseError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_as_the_ClawHub_origin_record_is_no_origin_and_does_not_block()
    {
        var skill = WriteSkill("clawhub", "clawhub");
        var fifo = Path.Combine(Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(skill)!, ".clawhub")).FullName, "origin.json");
        SpecialFiles.MakeFifo(fifo);

        var found = Assert.Single(await SpecialFiles.WithinDeadlineAsync(_scanner.Scan, fifo));

        Assert.Null(found.ParseError);
        Assert.Null(found.Origin);
    }

    [Fact]
    public void A_socket_named_SKILL_md_is_listed_broken()
    {
        using var socket = SpecialFiles.MakeSocket(Path.Combine(Folder("socket").FullName, "SKILL.md"));

        var listed = Assert.Single(_scanner.Scan());

        Assert.Contains("not a regular file", listed.ParseError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flood_of_folders_is_looked_into_only_up_to_the_budget_per_scan()
    {
        const int budget = SkillCatalogScanner.DefaultMaxFoldersPerScan;
        for (var i = 0; i < budget + 200; i++)
        {
            WriteSkill($"s{i:D4}", $"s{i:D4}");
        }

        var catalog = _scanner.Scan();

        Assert.Equal(budget, catalog.Count);
        Assert.True(_scanner.LastScanCapped);

        // Nothing on disk was touched; with fewer folders than the budget, every skill is found again.
        Assert.Equal(budget + 200, Directory.GetDirectories(_scanner.SkillsDirectory).Length);
        for (var i = 0; i <= 200; i++)
        {
            Directory.Delete(Path.Combine(_scanner.SkillsDirectory, $"s{i:D4}"), recursive: true);
        }

        Assert.Equal(budget - 1, _scanner.Scan().Count);
        Assert.False(_scanner.LastScanCapped);
    }

    [Fact]
    public void A_small_budget_counts_grouping_folders_too()
    {
        var scanner = new SkillCatalogScanner(_scanner.SkillsDirectory, maxFoldersPerScan: 3);
        WriteSkill("group/a", "a");
        WriteSkill("group/b", "b");
        WriteSkill("group/c", "c");

        Assert.Equal(2, scanner.Scan().Count);
        Assert.True(scanner.LastScanCapped);
    }
}
