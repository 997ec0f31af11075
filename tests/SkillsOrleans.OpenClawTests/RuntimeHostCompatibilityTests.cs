using System.Text.Json;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Model.Skills;
using SkillsOrleans.Sealing;
using SkillsOrleans.Testing;

namespace SkillsOrleans.OpenClawTests;

/// <summary>
/// The whole runtime-host path against the real OpenClaw: an agent's request files become pending credentials,
/// sealed values delivered through the cluster make OpenClaw see the skills as configured (a primaryEnv key through
/// a file SecretRef, a plain key through env), OpenClaw's own audit resolves every ref, and a revoke undoes it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RuntimeHostCompatibilityTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Account = "demo";
    private const string Runtime = "demo-runtime-1";
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("skillsorleans-host-");
    private OpenClawCli _cli = null!;
    private SiloProcessHost _core = null!;
    private SiloProcessHost _silo = null!;

    private static readonly CredentialRef WhisperKey = new(Account, Runtime, "openai-whisper-api", "OPENAI_API_KEY");
    private static readonly CredentialRef TrelloKey = new(Account, Runtime, "trello", "TRELLO_API_KEY");
    private static readonly CredentialRef TrelloToken = new(Account, Runtime, "trello", "TRELLO_TOKEN");

    private IAccountGrain AccountGrain => _core.Grains.GetGrain<IAccountGrain>(Account);

    private TenantCredentials Credentials => new(_core.Grains, Account);

    private IRuntimeGrain RuntimeGrain => _silo.Grains.GetGrain<IRuntimeGrain>(Runtime);

    public async Task InitializeAsync()
    {
        var workspace = Directory.CreateDirectory(Path.Combine(_root.FullName, "workspace"));
        var state = Directory.CreateDirectory(Path.Combine(_root.FullName, "state"));
        _cli = new OpenClawCli(state.FullName, workspace.FullName);
        _cli.WriteMinimalConfig();
        foreach (var skill in new[] { "openai-whisper-api", "trello" })
        {
            CopyDirectory(Path.Combine(_cli.BundledSkillsDir, skill), Path.Combine(workspace.FullName, "skills", skill));
        }

        var database = await postgres.CreateMigratedDatabaseAsync("openclaw");
        _core = await SiloProcessHost.StartAsync(database, "openclaw"); // the account and credential grains live on a core silo
        _silo = await SiloProcessHost.StartAsync(database, "openclaw", new Dictionary<string, string?>
        {
            ["RUNTIME_ID"] = Runtime,
            ["RUNTIME_ACCOUNT"] = Account,
            ["OPENCLAW_WORKSPACE_DIR"] = workspace.FullName,
            ["OPENCLAW_STATE_DIR"] = state.FullName,
            ["OPENCLAW_CONFIG_PATH"] = _cli.ConfigPath,
            ["RUNTIME_SECRETS_FILE"] = Path.Combine(state.FullName, "secrets", "runtime-secrets.json"),
            ["OPENCLAW_BUNDLED_SKILLS_DIR"] = _cli.BundledSkillsDir,
            ["SKILL_SYNC_INTERVAL"] = "1",
        });
        await AccountGrain.CreateAsync(new AccountCreation("Demo", "demo-owner", SkillsPocEnabled: true));
        await Eventually.TrueAsync(async () => (await AccountGrain.GetAsync())!.Runtimes.Any(r => r.RuntimeId == Runtime));
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _core.DisposeAsync();
        _root.Delete(recursive: true);
    }

    [Fact]
    public async Task Requested_and_delivered_keys_make_openclaw_see_the_skills_configured_and_a_revoke_undoes_it()
    {
        Assert.Equal(["OPENAI_API_KEY"], await MissingEnvAsync("openai-whisper-api"));
        Assert.Equal(["TRELLO_API_KEY", "TRELLO_TOKEN"], await MissingEnvAsync("trello"));

        WriteRequest("whisper.json", "openai-whisper-api", "OPENAI_API_KEY");
        WriteRequestFile("trello-key.json", AgentsGuideExample.RequestFileJson()); // exactly what docs/runtime/AGENTS.md tells agents to write
        WriteRequest("trello-token.json", "trello", "TRELLO_TOKEN");
        await Eventually.TrueAsync(async () => (await AccountGrain.ListCredentialsAsync(CredentialStatus.Pending)).Count == 3);
        using (var example = JsonDocument.Parse(AgentsGuideExample.RequestFileJson()))
        {
            var pending = (await AccountGrain.ListCredentialsAsync(CredentialStatus.Pending)).Single(c => c.CredentialRef == TrelloKey.ToString());
            Assert.Equal(example.RootElement.GetProperty("agentId").GetString(), pending.RequestedByAgent);
            Assert.Equal(example.RootElement.GetProperty("reason").GetString(), pending.RequestReason);
        }

        foreach (var (credential, value) in new[] { (WhisperKey, "sk-whisper-test"), (TrelloKey, "trello-key-test"), (TrelloToken, "trello-token-test") })
        {
            var delivery = await RuntimeGrain.DeliverAsync(credential, 1, await SealAsync(credential, 1, value));
            await Credentials.ActivateCredentialAsync(credential, new CredentialActivation("demo-admin", delivery.Fingerprint, 0));
        }

        var (validateExit, validate, _) = await _cli.RunJsonAsync("config", "validate", "--json");
        Assert.Equal(0, validateExit);
        Assert.True(validate.GetProperty("valid").GetBoolean());
        Assert.Empty(await MissingEnvAsync("openai-whisper-api"));
        Assert.Empty(await MissingEnvAsync("trello"));

        var (auditExit, audit, _) = await _cli.RunJsonAsync("secrets", "audit", "--json");
        Assert.Equal(0, auditExit);
        Assert.Equal(0, audit.GetProperty("summary").GetProperty("unresolvedRefCount").GetInt32());
        Assert.True(audit.GetProperty("resolution").GetProperty("refsChecked").GetInt32() >= 1);

        using (var config = JsonDocument.Parse(File.ReadAllText(_cli.ConfigPath)))
        {
            var apiKey = config.RootElement.GetProperty("skills").GetProperty("entries").GetProperty("openai-whisper-api").GetProperty("apiKey");
            Assert.Equal("file", apiKey.GetProperty("source").GetString()); // the primary key is a SecretRef, not the value
        }

        await RuntimeGrain.WithdrawAsync(WhisperKey);
        await Credentials.RevokeCredentialAsync(WhisperKey, new CredentialRevocation("demo-admin", 1));
        await RuntimeGrain.WithdrawAsync(TrelloToken);
        await Credentials.RevokeCredentialAsync(TrelloToken, new CredentialRevocation("demo-admin", 1));

        Assert.Equal(["OPENAI_API_KEY"], await MissingEnvAsync("openai-whisper-api"));
        Assert.Equal(["TRELLO_TOKEN"], await MissingEnvAsync("trello"));
        Assert.True((await _cli.RunJsonAsync("config", "validate", "--json")).Json.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task An_agent_installs_skill_credentials_with_openclaw_asks_for_a_key_with_its_helper_and_reads_back_the_outcome()
    {
        var helper = await InstallSkillCredentialsAsync();

        var (requestExit, requested) = await _cli.RunNodeScriptAsync(helper, _root.FullName,
            "request", "trello", "TRELLO_API_KEY", "--reason", "Read the sprint board", "--agent", "main");
        var (refusedExit, refused) = await _cli.RunNodeScriptAsync(helper, _root.FullName, "request", "no-such-skill", "SOME_KEY");
        Assert.Equal((0, 0), (requestExit, refusedExit));
        Assert.Equal("waiting", requested.GetProperty("state").GetString());

        var pending = await Eventually.ValueAsync(
            async () => (await AccountGrain.ListCredentialsAsync(CredentialStatus.Pending)).SingleOrDefault(c => c.CredentialRef == TrelloKey.ToString()),
            credential => credential is not null);
        Assert.Equal(("main", "Read the sprint board"), (pending!.RequestedByAgent, pending.RequestReason));

        var accepted = await Eventually.ValueAsync(() => StatusAsync(helper, requested), status => status.GetProperty("state").GetString() != "waiting");
        Assert.Equal(("accepted", "trello", "TRELLO_API_KEY"),
            (accepted.GetProperty("state").GetString(), accepted.GetProperty("skill").GetString(), accepted.GetProperty("key").GetString()));
        var rejected = await Eventually.ValueAsync(() => StatusAsync(helper, refused), status => status.GetProperty("state").GetString() != "waiting");
        Assert.Equal(("rejected", "unknown_skill"), (rejected.GetProperty("state").GetString(), rejected.GetProperty("code").GetString()));

        var (_, listed) = await _cli.RunNodeScriptAsync(helper, _root.FullName, "list");
        Assert.Equal(["accepted", "rejected"], listed.GetProperty("requests").EnumerateArray().Select(r => r.GetProperty("state").GetString()).Order());
        var (usageExit, usage) = await _cli.RunNodeScriptAsync(helper, _root.FullName, "request", "trello", "not a key");
        Assert.Equal(2, usageExit);
        Assert.Contains("not an environment variable name", usage.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_for_bundled_and_managed_skills_are_requested_and_delivered_like_the_workspaces_and_the_catalog_says_where_each_comes_from()
    {
        var managed = Directory.CreateDirectory(Path.Combine(_cli.StateDir, "skills", "forecast"));
        File.WriteAllText(Path.Combine(managed.FullName, "SKILL.md"),
            "---\nname: forecast\ndescription: Weather forecasts.\nmetadata:\n  { \"openclaw\": { \"requires\": { \"env\": [\"FORECAST_API_KEY\"] } } }\n---\n");
        var places = new CredentialRef(Account, Runtime, "goplaces", "GOOGLE_PLACES_API_KEY");
        var forecast = new CredentialRef(Account, Runtime, "forecast", "FORECAST_API_KEY");
        var catalog = await Eventually.ValueAsync(
            () => _core.Grains.GetGrain<IRuntimeCatalogGrain>(Runtime).GetAsync(Account),
            c => c?.Skills.Any(s => s.SkillKey == "forecast") == true);
        Assert.Equal((SkillSources.Bundled, ".bundled/goplaces"), catalog!.Skills.Where(s => s.SkillKey == "goplaces").Select(s => (s.Source, s.Folder)).Single());
        Assert.Equal(SkillSources.Managed, catalog.Skills.Single(s => s.SkillKey == "forecast").Source);
        Assert.Equal(SkillSources.Workspace, catalog.Skills.Single(s => s.SkillKey == "trello").Source); // the workspace copy hides the bundled one
        Assert.Equal(["GOOGLE_PLACES_API_KEY"], await MissingEnvAsync("goplaces"));
        Assert.Equal(["FORECAST_API_KEY"], await MissingEnvAsync("forecast"));

        WriteRequest("goplaces.json", "goplaces", "GOOGLE_PLACES_API_KEY");
        WriteRequest("forecast.json", "forecast", "FORECAST_API_KEY");
        await Eventually.TrueAsync(async () => (await AccountGrain.ListCredentialsAsync(CredentialStatus.Pending)).Count(c => c.CredentialRef == places.ToString() || c.CredentialRef == forecast.ToString()) == 2);
        foreach (var (credential, value) in new[] { (places, "places-bundled-test"), (forecast, "forecast-managed-test") })
        {
            var delivery = await RuntimeGrain.DeliverAsync(credential, 1, await SealAsync(credential, 1, value));
            await Credentials.ActivateCredentialAsync(credential, new CredentialActivation("demo-admin", delivery.Fingerprint, 0));
        }

        Assert.Empty(await MissingEnvAsync("goplaces"));
        Assert.Empty(await MissingEnvAsync("forecast"));
        Assert.True((await _cli.RunJsonAsync("config", "validate", "--json")).Json.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task An_agent_reads_an_admins_decline_back_with_its_helper_and_a_new_request_gets_the_reason_until_the_key_is_provided()
    {
        var helper = await InstallSkillCredentialsAsync();
        var (_, requested) = await _cli.RunNodeScriptAsync(helper, _root.FullName, "request", "trello", "TRELLO_API_KEY", "--agent", "main");
        await Eventually.TrueAsync(async () =>
            (await AccountGrain.ListCredentialsAsync(CredentialStatus.Pending)).Any(c => c.CredentialRef == TrelloKey.ToString()));

        var declined = await Credentials.Grain(TrelloKey).DeclineAsync(Account, new CredentialDecline("demo-admin", "We use Jira, not Trello."));
        Assert.Equal(CredentialStatus.Declined, declined.Status);

        var readBack = await StatusAsync(helper, requested);
        Assert.Equal(("declined", "We use Jira, not Trello."), (readBack.GetProperty("state").GetString(), readBack.GetProperty("reason").GetString()));

        // Asking again is set aside with the reason, and the key stays declined.
        var (_, again) = await _cli.RunNodeScriptAsync(helper, _root.FullName, "request", "trello", "TRELLO_API_KEY", "--agent", "main");
        var refused = await Eventually.ValueAsync(() => StatusAsync(helper, again), status => status.GetProperty("state").GetString() != "waiting");
        Assert.Equal(("declined", "declined"), (refused.GetProperty("state").GetString(), refused.GetProperty("code").GetString()));
        Assert.Contains("We use Jira, not Trello.", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(CredentialStatus.Declined, (await Credentials.GetCredentialAsync(TrelloKey)).Status);

        // An admin providing the key after all opens it again, and the note goes: the first request reads as accepted.
        var reopened = await Credentials.Grain(TrelloKey).ProvisionAsync(Account, new CredentialProvision("demo-admin"));
        Assert.Equal((RequestOutcome.Reopened, CredentialStatus.Pending), (reopened.Outcome, reopened.Credential.Status));
        Assert.Equal("accepted", (await StatusAsync(helper, requested)).GetProperty("state").GetString());
        Assert.False(File.Exists(Path.Combine(_cli.WorkspaceDir, "requests", "skill-credentials", "decisions", "trello--TRELLO_API_KEY.json")));
    }

    /// <summary>As the agent guide says: the shipped folder installed into the workspace with openclaw's own installer; the helper's path.</summary>
    private async Task<string> InstallSkillCredentialsAsync()
    {
        var shipped = Path.Combine(StartScript.RepositoryRoot(), "deploy", "openclaw", "skills", "skill-credentials");
        var (installExit, installOut, installErr) = await _cli.RunAsync("skills", "install", shipped);
        Assert.True(installExit == 0, installOut + installErr);
        await Eventually.TrueAsync(async () =>
            (await _silo.Grains.GetGrain<IRuntimeCatalogGrain>(Runtime).GetAsync(Account))?.Skills.Any(s => s.SkillKey == "skill-credentials") == true);
        return Path.Combine(_cli.WorkspaceDir, "skills", "skill-credentials", "scripts", "skill-credentials.mjs");
    }

    private async Task<JsonElement> StatusAsync(string helper, JsonElement requested) =>
        (await _cli.RunNodeScriptAsync(helper, _root.FullName, "status", requested.GetProperty("file").GetString()!)).Json;

    private async Task<SealedSecretEnvelope> SealAsync(CredentialRef credential, int version, string value)
    {
        var key = await RuntimeGrain.GetSealingKeyAsync();
        return SecretSealer.Seal(Convert.FromBase64String(key.Spki), key.Kid, Runtime, credential.ToString(), version,
            DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds(), value);
    }

    private async Task<List<string>> MissingEnvAsync(string skill)
    {
        var (exitCode, json, stderr) = await _cli.RunJsonAsync("skills", "list", "--json");
        Assert.True(exitCode == 0, stderr);
        var listed = json.GetProperty("skills").EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == skill); // the copy OpenClaw loads: it lists no shadowed one
        return [.. listed.GetProperty("missing").GetProperty("env").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal)];
    }

    private void WriteRequest(string name, string skill, string key) =>
        WriteRequestFile(name, JsonSerializer.Serialize(new { skill, key, agentId = "main" }));

    private void WriteRequestFile(string name, string json)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_cli.WorkspaceDir, "requests", "skill-credentials"));
        File.WriteAllText(Path.Combine(directory.FullName, name), json);
    }

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
