namespace SkillsOrleans.Grains.Runtimes;

/// <summary>
/// Configuration of the runtime host a silo runs next to (environment: RUNTIME_ID, RUNTIME_ACCOUNT,
/// OPENCLAW_WORKSPACE_DIR). Present only on silos started with a runtime id.
/// </summary>
public sealed class RuntimeHostOptions
{
    public string RuntimeId { get; set; } = "";

    public string AccountId { get; set; } = "";

    public string WorkspaceDir { get; set; } = "/root/clawd";

    /// <summary>Full rescan period (SKILL_SYNC_INTERVAL); file-system events trigger scans in between.</summary>
    public TimeSpan SkillSyncInterval { get; set; } = TimeSpan.FromSeconds(60);

    public string SkillsDir => Path.Combine(WorkspaceDir, "skills");

    public string RequestsDir => Path.Combine(WorkspaceDir, "requests", "skill-credentials");
}
