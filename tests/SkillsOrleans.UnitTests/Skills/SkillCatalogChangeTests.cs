using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Model.Skills;

namespace SkillsOrleans.UnitTests.Skills;

public sealed class SkillCatalogChangeTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    private static SkillManifest Skill(string folder, params string[] env) =>
        new(folder, folder, folder, "a skill", null, null, null, new SkillRequirements([.. env], [], [], []), [], null, null);

    [Fact]
    public void Without_a_previous_catalog_everything_is_sent_and_replaces_what_the_receiver_holds()
    {
        var change = SkillCatalogChange.Between(null, [Skill("a"), Skill("b")], At);

        Assert.True(change.ReplacesAll);
        Assert.Equal(["a", "b"], change.Changed.Select(s => s.Folder));
        Assert.Empty(change.RemovedFolders);
    }

    [Fact]
    public void Only_installed_edited_and_removed_skills_are_sent()
    {
        var unchanged = Skill("same", "KEY");
        var change = SkillCatalogChange.Between(
            [unchanged, Skill("edited", "OLD_KEY"), Skill("removed")],
            [unchanged, Skill("edited", "NEW_KEY"), Skill("installed")],
            At);

        Assert.False(change.ReplacesAll);
        Assert.Equal(["edited", "installed"], change.Changed.Select(s => s.Folder));
        Assert.Equal(["removed"], change.RemovedFolders);
    }

    [Fact]
    public void Equal_manifests_in_separate_lists_are_the_same_skill_and_send_nothing()
    {
        var change = SkillCatalogChange.Between([Skill("a", "KEY_ONE", "KEY_TWO")], [Skill("a", "KEY_ONE", "KEY_TWO")], At);

        Assert.True(change.IsEmpty);
        Assert.False(SkillCatalogChange.SameManifest(Skill("a", "KEY_ONE"), Skill("a", "KEY_TWO")));
    }
}
