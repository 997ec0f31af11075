using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// The local demo as the API sees it, on real parts: a fresh migrated database, a core silo seeding the demo
/// accounts, a runtime silo hosting <see cref="Runtime"/> of account <c>demo</c> with its own workspace and state
/// directories, and the API in-process (Development, so <c>/dev/token</c> mints real RS256 tokens). Its API allows
/// ample writes and reads (<see cref="ApiHostFactory.GenerousRateLimits"/>), so tests sharing a stack never meet the
/// rate limiter; a test of the limits starts its own host with <see cref="CreateApi"/>.
/// </summary>
public sealed class DemoStack : IAsyncDisposable
{
    public const string Runtime = "demo-runtime-1";

    private readonly DirectoryInfo _root;
    private readonly string _clusterId;
    private readonly CapturedLogs? _logs;
    private SiloProcessHost? _runtime;

    private DemoStack(
        string database,
        string runtimeDatabase,
        string clusterId,
        DirectoryInfo root,
        SiloProcessHost core,
        IDictionary<string, string>? apiSettings,
        CapturedLogs? logs)
    {
        Database = database;
        RuntimeDatabase = runtimeDatabase;
        _clusterId = clusterId;
        _root = root;
        Core = core;
        _logs = logs;
        Api = CreateApi(apiSettings);
    }

    /// <summary>The connection string of the core silo and the API.</summary>
    public string Database { get; }

    /// <summary>The connection string of the runtime's silo.</summary>
    public string RuntimeDatabase { get; }

    public SiloProcessHost Core { get; }

    /// <summary>The silo hosting <see cref="Runtime"/>; not there between <see cref="StopRuntimeAsync"/> and <see cref="StartRuntimeAsync"/>.</summary>
    public SiloProcessHost RuntimeSilo => _runtime ?? throw new InvalidOperationException("The runtime's silo is stopped.");

    public WebApplicationFactory<Program> Api { get; }

    public string Workspace => Path.Combine(_root.FullName, "workspace");

    public string SecretsFile => Path.Combine(_root.FullName, "state", "secrets", "runtime-secrets.json");

    /// <summary>Where this stack's files live: the workspace, the state directory, other agents' workspaces.</summary>
    public string Root => _root.FullName;

    /// <summary>The gateway's config file the runtime host keeps in step.</summary>
    public string OpenClawConfig => Path.Combine(_root.FullName, "state", "openclaw.json");

    /// <summary>Every file the runtime host wrote besides the secret file (OpenClaw config, keys, request files…).</summary>
    public IEnumerable<string> HostFilesExceptSecrets =>
        Directory.EnumerateFiles(_root.FullName, "*", SearchOption.AllDirectories).Where(path => path != SecretsFile);

    public IAccountGrain Demo => Account("demo");

    public IAccountGrain Account(string accountId) => Core.Grains.GetGrain<IAccountGrain>(accountId);

    public TenantCredentials DemoCredentials => Credentials("demo");

    public TenantCredentials Credentials(string accountId) => new(Core.Grains, accountId);

    /// <param name="name">Prefix of the database's name and the cluster id.</param>
    /// <param name="apiSettings">Extra API configuration (limits, intervals) for this stack.</param>
    /// <param name="logs">Receives every log entry of the silos and the API, at every level.</param>
    /// <param name="skills">
    /// <c>SKILL.md</c> texts by folder, written into the workspace before the runtime starts; the stack is ready once the
    /// runtime has published a catalog with all of them.
    /// </param>
    /// <param name="connectAs">
    /// Given the migrated database's owner connection string, the one the silos and the API use instead (e.g. an
    /// application role's); by default the owner's.
    /// </param>
    /// <param name="runtimeConnectAs">The same for the runtime's silo (e.g. the runtime role's); by default what the others use.</param>
    public static async Task<DemoStack> StartAsync(
        PostgresFixture postgres,
        string name,
        IDictionary<string, string>? apiSettings = null,
        CapturedLogs? logs = null,
        IReadOnlyDictionary<string, string>? skills = null,
        Func<string, Task<string>>? connectAs = null,
        Func<string, Task<string>>? runtimeConnectAs = null)
    {
        var owner = await postgres.CreateMigratedDatabaseAsync(name);
        var database = connectAs is null ? owner : await connectAs(owner);
        var runtimeDatabase = runtimeConnectAs is null ? database : await runtimeConnectAs(owner);

        var root = Directory.CreateTempSubdirectory("skillsorleans-demo-");
        foreach (var (folder, text) in skills ?? new Dictionary<string, string>())
        {
            var directory = Directory.CreateDirectory(Path.Combine(root.FullName, "workspace", "skills", folder));
            File.WriteAllText(Path.Combine(directory.FullName, "SKILL.md"), text);
        }

        var core = await SiloProcessHost.StartAsync(database, name, new Dictionary<string, string?>
        {
            ["Seed:Demo"] = "true",
            // Webhooks to a receiver the test runs on a loopback port.
            ["Webhooks:SigningKeyFile"] = Path.Combine(root.FullName, "webhook-signing-key.pem"),
            ["Webhooks:AllowHttp"] = "true",
            ["Webhooks:AllowPrivateNetworks"] = "true",
        }, logs);
        var stack = new DemoStack(database, runtimeDatabase, name, root, core, apiSettings, logs);
        try
        {
            await stack.StartRuntimeAsync();
            if (skills is { Count: > 0 })
            {
                await Eventually.TrueAsync(async () => (await stack.Core.Grains.ReadSkillCatalogsAsync("demo")).SingleOrDefault()?.Skills.Count == skills.Count);
            }
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }

        return stack;
    }

    /// <summary>
    /// Another API host on this stack's cluster, in Development with ample writes and <paramref name="settings"/> on top
    /// (not the stack's own API settings). Its in-memory state, such as the write limiter, is its own; dispose it.
    /// </summary>
    public ApiHostFactory CreateApi(IDictionary<string, string>? settings = null)
    {
        var merged = new Dictionary<string, string>(ApiHostFactory.GenerousRateLimits);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            merged[key] = value;
        }

        return new ApiHostFactory(Database, _clusterId, "Development", merged, _logs);
    }

    /// <summary>An HTTP client of the stack's API carrying a development token for <paramref name="subject"/>.</summary>
    public Task<HttpClient> ClientForAsync(string subject) => ClientForAsync(Api, subject);

    /// <summary>An HTTP client of <paramref name="api"/> (in Development) carrying a token of its dev issuer for <paramref name="subject"/>.</summary>
    public static async Task<HttpClient> ClientForAsync(WebApplicationFactory<Program> api, string subject)
    {
        var http = api.CreateClient();
        var token = await http.GetFromJsonAsync<JsonElement>($"/dev/token?sub={Uri.EscapeDataString(subject)}");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return http;
    }

    /// <summary>Has an agent ask for a key, as a request file would.</summary>
    public Task RequestAsync(CredentialRef credential) =>
        DemoCredentials.RequestCredentialAsync(credential, new CredentialRequest("main", "needed for a test"));

    /// <summary>Has an agent ask for <paramref name="keyName"/> of <paramref name="skillKey"/> on <see cref="Runtime"/>.</summary>
    public async Task<CredentialRef> RequestAsync(string skillKey, string keyName)
    {
        var credential = new CredentialRef("demo", Runtime, skillKey, keyName);
        await RequestAsync(credential);
        return credential;
    }

    /// <summary>
    /// Installs a skill named <paramref name="skillKey"/> requiring <paramref name="keyName"/> (as its primary env when
    /// <paramref name="primary"/>) and waits until the runtime's catalog lists it.
    /// </summary>
    public async Task InstallSkillAsync(string skillKey, string keyName, bool primary = false)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Workspace, "skills", skillKey));
        var declares = primary ? $"\"primaryEnv\": \"{keyName}\"" : $"\"requires\": {{ \"env\": [\"{keyName}\"] }}";
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "SKILL.md"),
            $"---\nname: {skillKey}\ndescription: A skill of a test.\nmetadata:\n  {{ \"openclaw\": {{ {declares} }} }}\n---\n");
        await Eventually.TrueAsync(async () =>
            (await Core.Grains.GetGrain<IRuntimeCatalogGrain>(Runtime).GetAsync("demo"))?.Skills.Any(s => s.SkillKey == skillKey) == true);
    }

    /// <summary>Whether the host's secret file holds <paramref name="value"/>.</summary>
    public bool HostHolds(string value) => File.Exists(SecretsFile) && File.ReadAllText(SecretsFile).Contains(value, StringComparison.Ordinal);

    /// <summary>Starts the runtime's silo (same workspace and state as before) and waits until it has registered.</summary>
    public async Task StartRuntimeAsync()
    {
        if (_runtime is not null)
        {
            throw new InvalidOperationException("The runtime's silo is running.");
        }

        var started = DateTimeOffset.UtcNow;
        _runtime = await SiloProcessHost.StartAsync(RuntimeDatabase, _clusterId, new Dictionary<string, string?>
        {
            ["RUNTIME_ID"] = Runtime,
            ["RUNTIME_ACCOUNT"] = "demo",
            ["OPENCLAW_WORKSPACE_DIR"] = Workspace,
            ["OPENCLAW_STATE_DIR"] = Path.Combine(_root.FullName, "state"),
            ["SKILL_SYNC_INTERVAL"] = "2", // other agents' workspaces and the managed skills are seen on full passes
        }, _logs);
        await Eventually.TrueAsync(async () =>
            (await Demo.GetAsync())?.Runtimes.Any(r => r.RuntimeId == Runtime && r.LastRegisteredAt >= started) == true);
    }

    /// <summary>Stops the runtime's silo gracefully: it leaves the membership table at once, so its runtime is offline.</summary>
    public async Task StopRuntimeAsync()
    {
        if (_runtime is { } silo)
        {
            _runtime = null;
            await silo.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await StopRuntimeAsync();
        await Core.DisposeAsync();
        _root.Delete(recursive: true);
    }
}
