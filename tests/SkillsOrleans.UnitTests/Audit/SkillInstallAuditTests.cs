using SkillsOrleans.Contracts.Audit;
using SkillsOrleans.Grains.Catalogs;
using SkillsOrleans.Model.Skills;

namespace SkillsOrleans.UnitTests.Audit;

/// <summary>Which activity rows a published catalog produces, from the catalog the account held before it.</summary>
public sealed class SkillInstallAuditTests
{
    private static SkillManifest Skill(string key, string folder, string description = "does things", SkillOrigin? origin = null) =>
        new(key, folder, key, description, null, null, null, new SkillRequirements([], [], [], []), [], origin, null);

    private static string[] Described(IReadOnlyList<AuditRecord> rows) => [.. rows.Select(r => $"{r.Action} {r.Reason}")];

    [Fact]
    public void A_new_folder_is_an_install_a_missing_one_a_removal_and_an_edited_one_neither()
    {
        var before = new[] { Skill("trello", "trello"), Skill("weather", "weather") };
        var after = new[]
        {
            Skill("trello", "trello", description: "edited"),
            Skill("notion", "notion", origin: new SkillOrigin("clawhub", "notion", "1.2.0", "https://clawhub.ai", null)),
        };

        var rows = SkillInstallAudit.Rows("acme", "acme-rt-1", before, after);

        Assert.Equal(["skill.installed notion in notion (clawhub notion@1.2.0)", "skill.removed weather in weather"], Described(rows));
        Assert.All(rows, row => Assert.Equal(
            ("acme", "acme-rt-1", AuditActorKinds.System, AuditOutcomes.Accepted, (string?)null),
            (row.AccountId, row.RuntimeId, row.ActorKind, row.Outcome, row.CredentialRef)));
        Assert.All(rows, row => AuditRecordRules.Check(row));
    }

    [Fact]
    public void More_installs_than_the_per_skill_limit_are_one_row_that_counts_and_names_them()
    {
        var after = Enumerable.Range(1, 25).Select(n => Skill($"s{n:00}", $"s{n:00}")).ToArray();

        var row = Assert.Single(SkillInstallAudit.Rows("acme", "acme-rt-1", [], after));

        Assert.Equal(AuditActions.SkillInstalled, row.Action);
        Assert.StartsWith("25 skills: s01, s02,", row.Reason, StringComparison.Ordinal);
        Assert.EndsWith("s20 and 5 more", row.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_catalog_again_records_nothing()
    {
        var catalog = new[] { Skill("trello", "trello") };

        Assert.Empty(SkillInstallAudit.Rows("acme", "acme-rt-1", catalog, catalog));
    }
}
