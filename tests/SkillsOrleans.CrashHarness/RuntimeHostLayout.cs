namespace SkillsOrleans.CrashHarness;

/// <summary>
/// A runtime host's directories, as a runtime silo is given them: the workspace (skills, request files), the OpenClaw
/// state directory with openclaw.json, and the host secret file.
/// </summary>
public sealed class RuntimeHostLayout(string root)
{
    public string Root { get; } = root;

    public string Workspace => Path.Combine(Root, "workspace");

    public string StateDir => Path.Combine(Root, "openclaw");

    public string ConfigPath => Path.Combine(StateDir, "openclaw.json");

    public string SecretsFile => Path.Combine(StateDir, "secrets", "runtime-secrets.json");

    public string RequestDirectory => Path.Combine(Workspace, "requests", "skill-credentials");

    public void Create(IEnumerable<SkillPlan> skills)
    {
        Directory.CreateDirectory(StateDir);
        Directory.CreateDirectory(RequestDirectory);
        foreach (var skill in skills)
        {
            var folder = Directory.CreateDirectory(Path.Combine(Workspace, "skills", skill.SkillKey));
            File.WriteAllText(Path.Combine(folder.FullName, "SKILL.md"), skill.SkillMarkdown);
        }
    }

    /// <summary>Asks for a key the way an agent does (docs/runtime/AGENTS.md): a temporary name, then a rename.</summary>
    public void WriteRequest(string skillKey, string keyName, string reason)
    {
        var name = $"{skillKey}-{keyName}-{Guid.NewGuid():N}".ToLowerInvariant();
        var temporary = Path.Combine(RequestDirectory, name + ".json.tmp");
        var body = System.Text.Json.JsonSerializer.Serialize(new { skill = skillKey, key = keyName, agentId = "crash-agent", reason });
        File.WriteAllText(temporary, body);
        File.Move(temporary, Path.Combine(RequestDirectory, name + ".json"));
    }

    public IReadOnlyDictionary<string, string> Environment(TenantPlan tenant, int gatewayPort) => new Dictionary<string, string>
    {
        ["RUNTIME_ID"] = tenant.RuntimeId,
        ["RUNTIME_ACCOUNT"] = tenant.AccountId,
        ["OPENCLAW_WORKSPACE_DIR"] = Workspace,
        ["OPENCLAW_STATE_DIR"] = StateDir,
        ["OPENCLAW_CONFIG_PATH"] = ConfigPath,
        ["RUNTIME_SECRETS_FILE"] = SecretsFile,
        // No gateway in this harness: a port nobody listens on, so every reload stays owed.
        ["OPENCLAW_GATEWAY_URL"] = $"ws://127.0.0.1:{gatewayPort}",
    };
}
