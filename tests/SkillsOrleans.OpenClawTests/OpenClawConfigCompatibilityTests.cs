using System.Text.Json;
using System.Text.Json.Nodes;
using SkillsOrleans.RuntimeHost.OpenClaw;
using SkillsOrleans.RuntimeHost.Secrets;
using Xunit.Abstractions;

namespace SkillsOrleans.OpenClawTests;

/// <summary>
/// The host secret file and the merged openclaw.json, as OpenClaw itself sees them: delivered keys make bundled
/// skills eligible, their refs resolve through OpenClaw's own file checks, revoked keys make them missing again,
/// and OpenClaw's validator keeps a config it rejects from being written.
/// </summary>
public sealed class OpenClawConfigCompatibilityTests : IDisposable
{
    private const string Account = "demo";
    private const string Whisper = "openai-whisper-api";
    private const string Trello = "trello";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("skillsorleans-openclaw-config-");
    private readonly ITestOutputHelper _output;
    private readonly OpenClawCli _cli;
    private readonly OpenClawSecretProvider _provider;

    public OpenClawConfigCompatibilityTests(ITestOutputHelper output)
    {
        _output = output;
        var workspace = Directory.CreateDirectory(Path.Combine(_root.FullName, "workspace"));
        var state = Directory.CreateDirectory(Path.Combine(_root.FullName, "state"));
        _cli = new OpenClawCli(state.FullName, workspace.FullName);
        _cli.WriteMinimalConfig();
        _provider = new OpenClawSecretProvider(Path.Combine(_root.FullName, "host", "secrets.json"));
        foreach (var skill in new[] { Whisper, Trello })
        {
            DirectoryCopy.Copy(Path.Combine(_cli.BundledSkillsDir, skill), Path.Combine(workspace.FullName, "skills", skill));
        }
    }

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Delivered_keys_make_the_skills_eligible_and_resolvable_and_revoked_keys_make_them_missing_again()
    {
        using var store = await HostSecretStore.OpenAsync(_provider.SecretFilePath);
        using var config = new OpenClawConfigFile(_cli.ConfigPath, _cli.WriteValidatorScript(Path.Combine(_root.FullName, "validate.sh")), validateTimeout: OpenClawCli.ValidatorTimeout);

        // Before delivery: only the provider is registered, and OpenClaw misses every required key.
        var managed = (await config.ApplyAsync(_provider, [], [])).Managed;
        var before = await ListSkillsAsync();
        Assert.Equal(["OPENAI_API_KEY"], MissingEnv(before[Whisper]));
        Assert.Equal(["TRELLO_API_KEY", "TRELLO_TOKEN"], MissingEnv(before[Trello]));
        Assert.False(before[Whisper].GetProperty("eligible").GetBoolean());
        Assert.False(before[Trello].GetProperty("eligible").GetBoolean());

        // Delivery: values into the secret file first, then the config that points at them.
        await store.SetAsync(new(Account, Whisper, "OPENAI_API_KEY"), "sk-test-whisper-0001");
        await store.SetAsync(new(Account, Trello, "TRELLO_API_KEY"), "trello-key-0002");
        await store.SetAsync(new(Account, Trello, "TRELLO_TOKEN"), "trello-token-0003");
        managed = (await config.ApplyAsync(_provider,
        [
            DesiredCredential.PrimaryEnv(new(Account, Whisper, "OPENAI_API_KEY")),
            DesiredCredential.Env(new(Account, Trello, "TRELLO_API_KEY"), Value(store, Trello, "TRELLO_API_KEY")),
            DesiredCredential.Env(new(Account, Trello, "TRELLO_TOKEN"), Value(store, Trello, "TRELLO_TOKEN")),
        ], managed)).Managed;
        _output.WriteLine($"openclaw.json after delivery:\n{Redacted(File.ReadAllText(_cli.ConfigPath))}");

        var (validateExit, validated, _) = await _cli.RunJsonAsync("config", "validate", "--json");
        _output.WriteLine($"config validate --json (exit {validateExit}): {validated}");
        Assert.Equal(0, validateExit);
        Assert.True(validated.GetProperty("valid").GetBoolean());

        var delivered = await ListSkillsAsync();
        AssertSatisfied(delivered[Whisper]);
        AssertSatisfied(delivered[Trello]);

        var (auditExit, audit, _) = await _cli.RunJsonAsync("secrets", "audit", "--json");
        _output.WriteLine($"secrets audit --json (exit {auditExit}): status {audit.GetProperty("status")}, summary {audit.GetProperty("summary")}, resolution {audit.GetProperty("resolution")}");
        Assert.Equal(0, auditExit);
        Assert.Equal("clean", audit.GetProperty("status").GetString());
        Assert.Equal(0, audit.GetProperty("summary").GetProperty("unresolvedRefCount").GetInt32());
        Assert.Equal(1, audit.GetProperty("resolution").GetProperty("refsChecked").GetInt32());

        // Revoke: the config stops pointing at the values first, then the values go.
        managed = (await config.ApplyAsync(_provider, [], managed)).Managed;
        Assert.True(await store.RemoveAsync(new(Account, Whisper, "OPENAI_API_KEY")));
        Assert.True(await store.RemoveAsync(new(Account, Trello, "TRELLO_API_KEY")));
        Assert.True(await store.RemoveAsync(new(Account, Trello, "TRELLO_TOKEN")));
        Assert.Empty(managed);

        var revoked = await ListSkillsAsync();
        Assert.Equal(["OPENAI_API_KEY"], MissingEnv(revoked[Whisper]));
        Assert.Equal(["TRELLO_API_KEY", "TRELLO_TOKEN"], MissingEnv(revoked[Trello]));
        Assert.False(revoked[Whisper].GetProperty("eligible").GetBoolean());
        Assert.False(revoked[Trello].GetProperty("eligible").GetBoolean());
        var (revalidateExit, revalidated, _) = await _cli.RunJsonAsync("config", "validate", "--json");
        Assert.Equal(0, revalidateExit);
        Assert.True(revalidated.GetProperty("valid").GetBoolean());
        Assert.DoesNotContain("trello-", File.ReadAllText(_cli.ConfigPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_candidate_openclaw_config_validate_rejects_is_not_written()
    {
        // Valid for every rule the merge checks, but OpenClaw knows no top-level "gatewayy".
        var broken = $$"""
            {
              "gateway": { "mode": "local" },
              "gatewayy": { "mode": "local" },
              "agents": { "defaults": { "workspace": "{{_cli.WorkspaceDir}}" } }
            }
            """;
        File.WriteAllText(_cli.ConfigPath, broken);
        using var config = new OpenClawConfigFile(_cli.ConfigPath, _cli.WriteValidatorScript(Path.Combine(_root.FullName, "validate.sh")), validateTimeout: OpenClawCli.ValidatorTimeout);

        var error = await Assert.ThrowsAsync<OpenClawConfigRejectedException>(() =>
            config.ApplyAsync(_provider, [DesiredCredential.Env(new(Account, Trello, "TRELLO_TOKEN"), "canary-token-0004")], []));
        _output.WriteLine($"rejected: {error.Message}");

        Assert.Equal(OpenClawConfigRejection.ValidatorRejected, error.Reason);
        Assert.Contains(error.Issues, i => i.Path == "<root>" && i.Message.Contains("gatewayy", StringComparison.Ordinal));
        Assert.DoesNotContain("canary", error.Message, StringComparison.Ordinal);
        Assert.Equal(broken, File.ReadAllText(_cli.ConfigPath));
        Assert.Equal(["openclaw.json"], Directory.GetFiles(_cli.StateDir).Select(Path.GetFileName).Where(n => n!.Contains("openclaw.json", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Values_written_into_the_config_come_out_of_openclaws_variable_substitution_unchanged()
    {
        string[] values = ["a${HOME}b", "$${HOME}", "$$${HOME}", "${SKILLSORLEANS_SURELY_UNSET}", "${lower}", "${A${HOME}", "plain $5"];
        var root = JsonNode.Parse(File.ReadAllText(_cli.ConfigPath))!.AsObject();
        var probe = new JsonObject();
        for (var i = 0; i < values.Length; i++)
        {
            probe[$"v{i}"] = EnvSubstitutionEscaper.Escape(values[i]);
        }

        root["skills"] = new JsonObject { ["entries"] = new JsonObject { [Trello] = new JsonObject { ["config"] = probe } } };
        File.WriteAllText(_cli.ConfigPath, root.ToJsonString());

        var (exitCode, resolved, stderr) = await _cli.RunJsonAsync("config", "get", $"skills.entries.{Trello}.config", "--json");

        Assert.True(exitCode == 0, stderr);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i], resolved.GetProperty($"v{i}").GetString());
        }
    }

    private static string Value(HostSecretStore store, string skillKey, string keyName) =>
        store.TryGet(new(Account, skillKey, keyName), out var value) ? value : throw new InvalidOperationException($"{skillKey}/{keyName} is not stored");

    private async Task<Dictionary<string, JsonElement>> ListSkillsAsync()
    {
        var (exitCode, json, stderr) = await _cli.RunJsonAsync("skills", "list", "--json");
        Assert.True(exitCode == 0, stderr);
        var skills = json.GetProperty("skills").EnumerateArray()
            .Where(s => s.GetProperty("source").GetString() == "openclaw-workspace")
            .ToDictionary(s => s.GetProperty("name").GetString()!, StringComparer.Ordinal);
        foreach (var (name, skill) in skills)
        {
            _output.WriteLine($"skills list: {name} eligible={skill.GetProperty("eligible")} missing={skill.GetProperty("missing")}");
        }

        return skills;
    }

    private static string[] MissingEnv(JsonElement skill) =>
        [.. skill.GetProperty("missing").GetProperty("env").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal)];

    /// <summary>No env is missing; and when no binary is missing either (curl, jq, node on this machine), the skill is eligible.</summary>
    private static void AssertSatisfied(JsonElement skill)
    {
        Assert.Empty(MissingEnv(skill));
        var missing = skill.GetProperty("missing");
        if (missing.GetProperty("bins").GetArrayLength() == 0 && missing.GetProperty("anyBins").GetArrayLength() == 0)
        {
            Assert.True(skill.GetProperty("eligible").GetBoolean());
        }
    }

    /// <summary>The config as written, with env values masked, for the test log.</summary>
    private static string Redacted(string config)
    {
        var root = JsonNode.Parse(config)!;
        if (root["skills"]?["entries"] is JsonObject entries)
        {
            foreach (var (_, entry) in entries)
            {
                if (entry?["env"] is JsonObject env)
                {
                    foreach (var name in env.Select(p => p.Key).ToList())
                    {
                        env[name] = "<redacted>";
                    }
                }
            }
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
