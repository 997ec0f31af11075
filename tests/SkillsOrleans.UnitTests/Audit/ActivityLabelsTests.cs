using System.Reflection;
using SkillsOrleans.Contracts.Audit;

namespace SkillsOrleans.UnitTests.Audit;

/// <summary>The admin page's Activity tab has words for every action the audit trail records.</summary>
public sealed class ActivityLabelsTests
{
    [Fact]
    public void Every_audit_action_has_a_label_on_the_activity_tab()
    {
        var script = File.ReadAllText(Path.Combine(RepositoryFiles.Root(), "api", "AdminPage", "wwwroot", "js", "ui", "activity-tab.js"));
        var actions = typeof(AuditActions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToList();

        Assert.True(actions.Count >= 11, $"only {actions.Count} actions found");
        Assert.All(actions, action => Assert.Contains($"'{action}':", script, StringComparison.Ordinal));
    }
}
