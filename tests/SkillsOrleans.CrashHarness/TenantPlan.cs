namespace SkillsOrleans.CrashHarness;

/// <summary>One tenant of the run: an account, its owner (who makes every write) and the one runtime bound to it.</summary>
public sealed record TenantPlan(string AccountId, string Owner, string RuntimeId)
{
    /// <summary>Two distinct tenants, each with a runtime host of its own.</summary>
    public static IReadOnlyList<TenantPlan> Two { get; } =
    [
        new("crash-alpha", "alpha-owner", "crash-alpha-runtime"),
        new("crash-beta", "beta-owner", "crash-beta-runtime"),
    ];
}

/// <summary>A skill the harness installs on every runtime host: its primary env and one more key.</summary>
public sealed record SkillPlan(string SkillKey, string PrimaryKey, string OtherKey)
{
    public static IReadOnlyList<SkillPlan> Numbered(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new SkillPlan($"crash-skill-{i}", $"CRASH_SKILL_{i}_API_KEY", $"CRASH_SKILL_{i}_TOKEN"))];

    public string SkillMarkdown => $$"""
        ---
        name: {{SkillKey}}
        description: "A skill the crash harness asks keys for."
        metadata:
          { "openclaw": { "primaryEnv": "{{PrimaryKey}}", "requires": { "env": ["{{PrimaryKey}}", "{{OtherKey}}"] } } }
        ---
        # {{SkillKey}}
        """;
}
