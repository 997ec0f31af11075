namespace SkillsOrleans.Contracts.Audit;

/// <summary>Who an audit row's actor is. Mirrored by the schema's CHECK; a test keeps the two equal.</summary>
public static class AuditActorKinds
{
    /// <summary>A person, named by their JWT subject.</summary>
    public const string User = "user";

    /// <summary>An OpenClaw agent on a runtime host, named by its agent id.</summary>
    public const string Agent = "agent";

    /// <summary>The control plane itself (a seeder, a runtime host binding itself).</summary>
    public const string System = "system";

    public static IReadOnlyList<string> All { get; } = [User, Agent, System];

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind, StringComparer.Ordinal);
}
