using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Identifiers;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// The local demo as the API sees it, on real parts: a fresh migrated database, a core silo seeding the demo
/// accounts, a runtime silo hosting <see cref="Runtime"/> of account <c>demo</c> with its own workspace and state
/// directories, and the API in-process (Development, so <c>/dev/token</c> mints real RS256 tokens).
/// </summary>
public sealed class DemoStack : IAsyncDisposable
{
    public const string Runtime = "demo-runtime-1";

    private readonly DirectoryInfo _root;
    private readonly WebApplicationFactory<Program> _api;

    private DemoStack(string database, DirectoryInfo root, SiloProcessHost core, SiloProcessHost runtime, WebApplicationFactory<Program> api)
    {
        Database = database;
        _root = root;
        Core = core;
        RuntimeSilo = runtime;
        _api = api;
    }

    public string Database { get; }

    public SiloProcessHost Core { get; }

    public SiloProcessHost RuntimeSilo { get; }

    public WebApplicationFactory<Program> Api => _api;

    public string Workspace => Path.Combine(_root.FullName, "workspace");

    public string SecretsFile => Path.Combine(_root.FullName, "state", "secrets", "runtime-secrets.json");

    /// <summary>Every file the runtime host wrote besides the secret file (OpenClaw config, keys, request files…).</summary>
    public IEnumerable<string> HostFilesExceptSecrets =>
        Directory.EnumerateFiles(_root.FullName, "*", SearchOption.AllDirectories).Where(path => path != SecretsFile);

    public IAccountGrain Demo => Core.Grains.GetGrain<IAccountGrain>("demo");

    /// <param name="apiSettings">Extra API configuration (limits, intervals) for this stack.</param>
    /// <param name="logs">Receives every log entry of the silos and the API, at every level.</param>
    public static async Task<DemoStack> StartAsync(
        PostgresFixture postgres, string name, IDictionary<string, string>? apiSettings = null, CapturedLogs? logs = null)
    {
        var database = await postgres.CreateMigratedDatabaseAsync(name);
        var root = Directory.CreateTempSubdirectory("skillsorleans-demo-");
        var core = await SiloProcessHost.StartAsync(database, name, new Dictionary<string, string?> { ["Seed:Demo"] = "true" }, logs);
        var runtime = await SiloProcessHost.StartAsync(database, name, new Dictionary<string, string?>
        {
            ["RUNTIME_ID"] = Runtime,
            ["RUNTIME_ACCOUNT"] = "demo",
            ["OPENCLAW_WORKSPACE_DIR"] = Path.Combine(root.FullName, "workspace"),
            ["OPENCLAW_STATE_DIR"] = Path.Combine(root.FullName, "state"),
        }, logs);
        var demo = core.Grains.GetGrain<IAccountGrain>("demo");
        await Eventually.TrueAsync(async () => (await demo.GetAsync())?.Runtimes.Any(r => r.RuntimeId == Runtime) == true);
        var settings = new Dictionary<string, string>(ApiHostFactory.GenerousWriteLimits);
        foreach (var (key, value) in apiSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var api = new ApiHostFactory(database, name, "Development", settings);
        return new DemoStack(database, root, core, runtime, logs is null ? api : api.WithWebHostBuilder(web => web.ConfigureLogging(logging => logging
            .SetMinimumLevel(LogLevel.Trace)
            .AddProvider(logs)
            .AddFilter<CapturedLogs>(null, LogLevel.Trace))));
    }

    /// <summary>An HTTP client of the in-process API carrying a development token for <paramref name="subject"/>.</summary>
    public async Task<HttpClient> ClientForAsync(string subject)
    {
        var http = _api.CreateClient();
        var token = await http.GetFromJsonAsync<JsonElement>($"/dev/token?sub={Uri.EscapeDataString(subject)}");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return http;
    }

    /// <summary>Has an agent ask for a key, as a request file would.</summary>
    public Task RequestAsync(CredentialRef credential) =>
        Demo.RequestCredentialAsync(credential, new Contracts.Credentials.CredentialRequest("main", "needed for a test"));

    public bool HostHolds(string value) => File.Exists(SecretsFile) && File.ReadAllText(SecretsFile).Contains(value, StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        await RuntimeSilo.DisposeAsync();
        await Core.DisposeAsync();
        _root.Delete(recursive: true);
    }
}
