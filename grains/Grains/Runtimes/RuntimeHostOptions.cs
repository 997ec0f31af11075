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
}
