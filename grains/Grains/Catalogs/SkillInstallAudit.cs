using SkillsOrleans.Contracts.Audit;
using SkillsOrleans.Grains.Audit;
using SkillsOrleans.Model.Skills;

namespace SkillsOrleans.Grains.Catalogs;

/// <summary>
/// The activity-trail rows for the skills a published catalog installs (a folder the account's last catalog of this
/// runtime did not list) or removes (one it no longer lists). A changed skill in the same folder is neither. A publish
/// that installs or removes more than <see cref="RowsPerSkillUpTo"/> skills, such as a runtime's first catalog, gets
/// one row for the lot, so a host with hundreds of skills does not flood the trail.
/// </summary>
public static class SkillInstallAudit
{
    public const int RowsPerSkillUpTo = 10;
    private const int NamesInSummary = 20;

    public static IReadOnlyList<AuditRecord> Rows(string accountId, string runtimeId, IReadOnlyList<SkillManifest> before, IReadOnlyList<SkillManifest> after)
    {
        var beforeFolders = before.Select(s => s.Folder).ToHashSet(StringComparer.Ordinal);
        var afterFolders = after.Select(s => s.Folder).ToHashSet(StringComparer.Ordinal);
        var installed = after.Where(s => !beforeFolders.Contains(s.Folder)).ToList();
        var removed = before.Where(s => !afterFolders.Contains(s.Folder)).ToList();
        return [.. RowsFor(AuditActions.SkillInstalled, installed), .. RowsFor(AuditActions.SkillRemoved, removed)];

        IEnumerable<AuditRecord> RowsFor(string action, List<SkillManifest> skills) => skills.Count switch
        {
            0 => [],
            <= RowsPerSkillUpTo => skills.Select(skill => Row(action, Describe(skill))),
            _ => [Row(action, Summary(skills))],
        };

        AuditRecord Row(string action, string reason) =>
            new(accountId, AuditActor.System.Name, AuditActor.System.Kind, action, AuditOutcomes.Accepted)
            {
                RuntimeId = runtimeId,
                Reason = reason,
            };
    }

    /// <summary><c>trello in skills/trello (clawhub trello@1.2.0)</c>: the key agents use, where it lies, and where it came from when known.</summary>
    private static string Describe(SkillManifest skill)
    {
        var origin = skill.Origin is { } o
            ? $" ({o.Source}{(o.Slug is null ? "" : " " + o.Slug)}{(o.Version is null ? "" : "@" + o.Version)})"
            : "";
        return $"{skill.SkillKey} in {skill.Folder}{origin}";
    }

    private static string Summary(List<SkillManifest> skills)
    {
        var named = string.Join(", ", skills.Take(NamesInSummary).Select(s => s.SkillKey));
        var more = skills.Count > NamesInSummary ? $" and {skills.Count - NamesInSummary} more" : "";
        return $"{skills.Count} skills: {named}{more}";
    }
}
