using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;

namespace SkillsOrleans.BrowserTests;

/// <summary>
/// The local demo on real parts, for a browser: a migrated database, a core silo seeding the demo accounts, the silo
/// of runtime <see cref="Runtime"/> (account <c>demo</c>) with its own workspace and state directories, and the API on
/// a loopback port. The runtime's silo can be stopped and started again over the same directories.
/// </summary>
public sealed class BrowserStack : IAsyncDisposable
{
    public const string Runtime = "demo-runtime-1";
    private const string ClusterId = "browser";

    private readonly DirectoryInfo _root;
    private readonly string _database;

    private BrowserStack(DirectoryInfo root, string database, SiloProcessHost core)
    {
        _root = root;
        _database = database;
        Core = core;
    }

    public SiloProcessHost Core { get; }

    public SiloProcessHost? RuntimeSilo { get; private set; }

    public LoopbackApi Api { get; private set; } = null!;

    public Uri Address => Api.Address;

    public string Workspace => Path.Combine(_root.FullName, "workspace");

    /// <summary>The gateway's state directory; its <c>skills/</c> holds OpenClaw's managed skills.</summary>
    public string StateDir => Path.Combine(_root.FullName, "state");

    public string SecretsFile => Path.Combine(_root.FullName, "state", "secrets", "runtime-secrets.json");

    public IAccountGrain Demo => Account("demo");

    public IAccountGrain Account(string accountId) => Core.Grains.GetGrain<IAccountGrain>(accountId);

    public TenantCredentials DemoCredentials => Credentials("demo");

    public TenantCredentials Credentials(string accountId) => new(Core.Grains, accountId);

    /// <summary>Another API front on the same cluster, e.g. configured as in production; the caller starts and disposes it.</summary>
    public LoopbackApi CreateApi(string environment, IReadOnlyDictionary<string, string> settings) =>
        new(_database, ClusterId, environment, settings);

    /// <param name="skills">Skill folders to install in the workspace before the runtime starts: folder → SKILL.md.</param>
    public static async Task<BrowserStack> StartAsync(PostgresServer postgres, IReadOnlyDictionary<string, string> skills)
    {
        var database = await postgres.CreateDatabaseAsync(ClusterId);
        await Hosting.Database.SchemaMigrator.ApplyAsync(database, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var root = Directory.CreateTempSubdirectory("skillsorleans-browser-");
        foreach (var (folder, text) in skills)
        {
            var directory = Directory.CreateDirectory(Path.Combine(root.FullName, "workspace", "skills", folder));
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "SKILL.md"), text);
        }

        var core = await SiloProcessHost.StartAsync(database, ClusterId, new Dictionary<string, string?>
        {
            ["Seed:Demo"] = "true",
            ["Webhooks:SigningKeyFile"] = Path.Combine(root.FullName, "webhook-signing-key.pem"),
            ["Webhooks:AllowHttp"] = "true",
            ["Webhooks:AllowPrivateNetworks"] = "true",
        });
        var stack = new BrowserStack(root, database, core);
        await stack.StartRuntimeAsync(skills.Count);
        stack.Api = new LoopbackApi(database, ClusterId);
        stack.Api.Start();
        return stack;
    }

    /// <summary>Starts the runtime's silo over the same workspace and state, and waits until it has published its skills.</summary>
    public async Task StartRuntimeAsync(int expectedSkills)
    {
        var started = DateTimeOffset.UtcNow;
        RuntimeSilo = await SiloProcessHost.StartAsync(_database, ClusterId, new Dictionary<string, string?>
        {
            ["RUNTIME_ID"] = Runtime,
            ["RUNTIME_ACCOUNT"] = "demo",
            ["OPENCLAW_WORKSPACE_DIR"] = Workspace,
            ["OPENCLAW_STATE_DIR"] = StateDir,
            ["SKILL_SYNC_INTERVAL"] = "2", // managed skills are seen on full passes
        });
        await Eventually.TrueAsync(async () =>
            (await Demo.GetAsync())?.Runtimes.Any(r => r.RuntimeId == Runtime && r.LastRegisteredAt >= started) == true
            && (await Core.Grains.ReadSkillCatalogsAsync("demo")).SingleOrDefault()?.Skills.Count == expectedSkills);
    }

    /// <summary>Stops the runtime's silo gracefully: it leaves the cluster at once, so its runtime reads offline.</summary>
    public async Task StopRuntimeAsync()
    {
        if (RuntimeSilo is { } silo)
        {
            RuntimeSilo = null;
            await silo.DisposeAsync();
        }
    }

    /// <summary>Has an agent ask for a key by writing a request file into the workspace, as OpenClaw agents do.</summary>
    public async Task DropRequestFileAsync(string name, string skill, string key, string agentId, string reason)
    {
        var inbox = Directory.CreateDirectory(Path.Combine(Workspace, "requests", "skill-credentials"));
        var temporary = Path.Combine(inbox.FullName, name + ".json.tmp");
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(new { skill, key, agentId, reason }));
        File.Move(temporary, Path.Combine(inbox.FullName, name + ".json"));
    }

    /// <summary>The ref of a key of a skill on <see cref="Runtime"/>, in account <c>demo</c>.</summary>
    public static CredentialRef KeyOf(string skill, string keyName) => CredentialRef.Parse($"demo/{Runtime}/{skill}/{keyName}");

    /// <summary>Makes a key pending, as the runtime does for a request file, straight through the account grain.</summary>
    public Task RequestAsync(string skill, string keyName, string agentId, string reason) =>
        DemoCredentials.RequestCredentialAsync(KeyOf(skill, keyName), new CredentialRequest(agentId, reason));

    /// <summary>Makes a key pending and delivers a value as a programmatic client would.</summary>
    public async Task ActivateAsync(string skill, string keyName, string value)
    {
        await RequestAsync(skill, keyName, "main", "set up by the test");
        using var http = await ClientForAsync("demo-admin");
        var response = await http.PostAsJsonAsync("/admin/skills/credentials",
            new { accountId = "demo", credentialRef = KeyOf(skill, keyName).ToString(), secret = value, expectedVersion = 0 });
        response.EnsureSuccessStatusCode();
    }

    public bool HostHolds(string value) => File.Exists(SecretsFile) && File.ReadAllText(SecretsFile).Contains(value, StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await StopRuntimeAsync();
        await Core.DisposeAsync();
        _root.Delete(recursive: true);
    }

    /// <summary>An HTTP client for the API signed in as <paramref name="subject"/> through the development issuer.</summary>
    public async Task<HttpClient> ClientForAsync(string subject)
    {
        var http = new HttpClient { BaseAddress = Address };
        var token = await http.GetFromJsonAsync<JsonElement>($"/dev/token?sub={Uri.EscapeDataString(subject)}");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return http;
    }
}
