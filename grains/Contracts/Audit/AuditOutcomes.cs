namespace SkillsOrleans.Contracts.Audit;

/// <summary>How the audited attempt ended. Mirrored by the schema's CHECK; a test keeps the two equal.</summary>
public static class AuditOutcomes
{
    /// <summary>The change was made.</summary>
    public const string Accepted = "accepted";

    /// <summary>The input was refused as malformed or not allowed (a bad request file, an unknown key).</summary>
    public const string Rejected = "rejected";

    /// <summary>A well-formed attempt the rules refused (wrong tenant, stale version, illegal transition).</summary>
    public const string Refused = "refused";

    /// <summary>The attempt broke down (host offline, storage error); nothing was changed.</summary>
    public const string Failed = "failed";

    public static IReadOnlyList<string> All { get; } = [Accepted, Rejected, Refused, Failed];

    public static bool IsKnown(string? outcome) => outcome is not null && All.Contains(outcome, StringComparer.Ordinal);
}
