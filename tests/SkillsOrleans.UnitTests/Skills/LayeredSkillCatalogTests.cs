using SkillsOrleans.Model.Skills;
using SkillsOrleans.RuntimeHost.Skills;

namespace SkillsOrleans.UnitTests.Skills;

/// <summary>The workspace's skills over the other places OpenClaw loads from, on real directories.</summary>
public sealed class LayeredSkillCatalogTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("skillsorleans-layers-");

    public void Dispose() => _root.Delete(recursive: true);

    private string Workspace => Path.Combine(_root.FullName, "workspace");

    private string State => Path.Combine(_root.FullName, "state");

    private static void WriteSkill(string root, string folder, string content)
    {
        var directory = Directory.CreateDirectory(Path.Combine(root, folder));
        File.WriteAllText(Path.Combine(directory.FullName, "SKILL.md"), content);
    }

    private static string Skill(string name) => $"---\nname: {name}\ndescription: d\n---\n";

    private LayeredSkillCatalog Layers() =>
        new([SkillRoot.ProjectAgents(Workspace), SkillRoot.Managed(State)], SkillCatalogScanner.DefaultMaxFoldersPerScan);

    [Fact]
    public void A_readable_skill_hides_same_named_ones_below_it_and_each_keeps_its_source_and_prefixed_folder()
    {
        WriteSkill(Path.Combine(Workspace, "skills"), "weather", Skill("weather"));
        WriteSkill(Path.Combine(Workspace, ".agents", "skills"), "weather", Skill("weather"));
        WriteSkill(Path.Combine(Workspace, ".agents", "skills"), "project-only", Skill("project-only"));
        WriteSkill(Path.Combine(State, "skills"), "project-only", Skill("project-only"));
        WriteSkill(Path.Combine(State, "skills"), "group/managed-only", Skill("managed-only"));
        var layers = Layers();
        layers.ScanLowerRoots();

        var catalog = layers.Combine(new SkillCatalogScanner(Path.Combine(Workspace, "skills")).Scan());

        Assert.Equal(
            [("managed-only", ".managed/group/managed-only", SkillSources.Managed),
             ("project-only", ".agents/skills/project-only", SkillSources.ProjectAgents),
             ("weather", "weather", SkillSources.Workspace)],
            catalog.Select(s => (s.SkillKey, s.Folder, s.Source)));
    }

    [Fact]
    public void A_broken_skill_hides_nothing_and_is_listed_where_it_is()
    {
        WriteSkill(Path.Combine(Workspace, "skills"), "weather", "---\nname: weather\n---\n"); // no description: OpenClaw skips it
        WriteSkill(Path.Combine(State, "skills"), "weather", Skill("weather"));
        var layers = Layers();
        layers.ScanLowerRoots();

        var catalog = layers.Combine(new SkillCatalogScanner(Path.Combine(Workspace, "skills")).Scan());

        Assert.Equal(2, catalog.Count);
        Assert.NotNull(Assert.Single(catalog, s => s.Source == SkillSources.Workspace).ParseError);
        Assert.Null(Assert.Single(catalog, s => s.Source == SkillSources.Managed).ParseError);
    }

    [Fact]
    public void Places_that_do_not_exist_add_nothing_and_a_skill_added_later_shows_after_the_next_scan()
    {
        var layers = Layers();
        layers.ScanLowerRoots();
        Assert.Empty(layers.Combine([]));

        WriteSkill(Path.Combine(State, "skills"), "late", Skill("late"));
        Assert.Empty(layers.Combine([]));
        layers.ScanLowerRoots();

        Assert.Equal(".managed/late", Assert.Single(layers.Combine([])).Folder);
    }
}
