using SkillsOrleans.RuntimeHost.OpenClaw;
using SkillsOrleans.RuntimeHost.Requests;
using SkillsOrleans.RuntimeHost.Skills;

namespace SkillsOrleans.RuntimeHost;

/// <summary>
/// Configuration of the runtime host a silo runs next to (environment: RUNTIME_ID, RUNTIME_ACCOUNT,
/// OPENCLAW_WORKSPACE_DIR). Present only on silos started with a runtime id.
/// </summary>
public sealed class RuntimeHostOptions
{
    public string RuntimeId { get; set; } = "";

    public string AccountId { get; set; } = "";

    public string WorkspaceDir { get; set; } = "/root/clawd";

    /// <summary>
    /// Period of the full workspace pass (SKILL_SYNC_INTERVAL): every request file looked at, and the skill tree walked
    /// whole if the watcher lost events since the last walk. File-system events trigger narrower passes in between.
    /// </summary>
    public TimeSpan SkillSyncInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How often the skill tree is walked whole even though the watcher reported nothing lost (SKILL_RESCAN_BACKSTOP):
    /// covers changes events never show, such as a network file system written from another machine.
    /// </summary>
    public TimeSpan SkillRescanBackstop { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often the host's secret file is compared with the cluster's credentials (RECONCILE_INTERVAL); also once
    /// right after the runtime starts. The bound on how long a crash's leftover can stand (docs/reconciliation.md).
    /// <see cref="Timeout.InfiniteTimeSpan"/> turns it off, for tests that set credential states by hand.
    /// </summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many request files one workspace pass handles at most (REQUEST_FILES_PER_SCAN); the rest wait in place for
    /// the next passes, a quarter of a second apart.
    /// </summary>
    public int MaxRequestFilesPerScan { get; set; } = CredentialRequestInbox.DefaultMaxFilesPerTake;

    /// <summary>
    /// How many folders one skill scan looks into at most (SKILL_FOLDERS_PER_SCAN): skill folders and the folders
    /// grouping them. Past it the scan stops and lists what it reached.
    /// </summary>
    public int MaxSkillFoldersPerScan { get; set; } = SkillCatalogScanner.DefaultMaxFoldersPerScan;

    /// <summary>
    /// How long request files stay in <c>processed/</c> and <c>failed/</c> (REQUEST_FILE_RETENTION, default 30 days),
    /// where an agent reads back how its request went; <see cref="Timeout.InfiniteTimeSpan"/> keeps them for ever.
    /// </summary>
    public TimeSpan RequestFileRetention { get; set; } = DefaultRequestFileRetention;

    public static readonly TimeSpan DefaultRequestFileRetention = TimeSpan.FromDays(30);

    /// <summary>OpenClaw's state directory (OPENCLAW_STATE_DIR, or OPENCLAW_DATA_DIR).</summary>
    public string StateDir { get; set; } = "/root/.openclaw";

    /// <summary>The gateway's config file this runtime keeps in step (OPENCLAW_CONFIG_PATH).</summary>
    public string ConfigPath { get; set; } = "/root/.openclaw/openclaw.json";

    /// <summary>The host secret file (RUNTIME_SECRETS_FILE); also OpenClaw's file secret provider.</summary>
    public string SecretsFile { get; set; } = "/root/.openclaw/secrets/runtime-secrets.json";

    /// <summary>This host's private sealing key (RUNTIME_SEALING_KEY_FILE), created 0600 on first start.</summary>
    public string SealingKeyFile { get; set; } = "/root/.openclaw/skillsorleans/sealing-key.pem";

    /// <summary>Optional executable that must accept a candidate openclaw.json first (OPENCLAW_CONFIG_VALIDATE_COMMAND).</summary>
    public string? ConfigValidateCommand { get; set; }

    /// <summary>How to reach the gateway for <c>secrets.reload</c>, and the fallback when it cannot be reached.</summary>
    public OpenClawGatewayOptions Gateway { get; set; } = new();

    /// <summary>
    /// The skills shipped with the OpenClaw install the gateway runs (OPENCLAW_BUNDLED_SKILLS_DIR, as OpenClaw itself
    /// reads it): <c>&lt;openclaw package&gt;/skills</c> of the same version. Unset, bundled skills are not in the catalog.
    /// </summary>
    public string? BundledSkillsDir { get; set; }

    public string SkillsDir => Path.Combine(WorkspaceDir, "skills");

    /// <summary>Where else OpenClaw loads this gateway's skills from, below <see cref="SkillsDir"/>, highest precedence first.</summary>
    public IReadOnlyList<SkillRoot> LowerSkillRoots() =>
        [SkillRoot.ProjectAgents(WorkspaceDir), SkillRoot.Managed(StateDir), .. BundledSkillsDir is { } bundled ? [SkillRoot.Bundled(bundled)] : Array.Empty<SkillRoot>()];

    public string RequestsDir => Path.Combine(WorkspaceDir, "requests", "skill-credentials");
}
