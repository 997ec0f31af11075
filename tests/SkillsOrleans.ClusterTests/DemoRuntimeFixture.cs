using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Identifiers;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// A core silo with the demo seed and the runtime silo of <c>demo-runtime-1</c> on PostgreSQL, shared by one test
/// class. Each test starts its own API host (<see cref="CreateApi"/>), so in-memory state such as the write limiter
/// starts afresh; tests that change credentials use refs of their own (<see cref="RequestAsync"/>).
/// </summary>
public sealed class DemoRuntimeFixture(PostgresFixture postgres) : IAsyncLifetime
{
    public const string ClusterId = "demo-runtime";
    public const string Runtime = "demo-runtime-1";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("skillsorleans-demo-runtime-");
    private SiloProcessHost _core = null!;
    private SiloProcessHost _runtime = null!;
    private string _database = null!;

    public string SecretsFile => Path.Combine(_root.FullName, "state", "secrets", "runtime-secrets.json");

    public IAccountGrain Demo => _core.Grains.GetGrain<IAccountGrain>("demo");

    public async Task InitializeAsync()
    {
        _database = await postgres.CreateMigratedDatabaseAsync("demoruntime");
        _core = await SiloProcessHost.StartAsync(_database, ClusterId, new Dictionary<string, string?> { ["Seed:Demo"] = "true" });
        _runtime = await SiloProcessHost.StartAsync(_database, ClusterId, new Dictionary<string, string?>
        {
            ["RUNTIME_ID"] = Runtime,
            ["RUNTIME_ACCOUNT"] = "demo",
            ["OPENCLAW_WORKSPACE_DIR"] = Path.Combine(_root.FullName, "workspace"),
            ["OPENCLAW_STATE_DIR"] = Path.Combine(_root.FullName, "state"),
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await Demo.GetAsync())?.Runtimes.Any(r => r.RuntimeId == Runtime) != true)
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    public async Task DisposeAsync()
    {
        await _runtime.DisposeAsync();
        await _core.DisposeAsync();
        _root.Delete(recursive: true);
    }

    /// <summary>The API in Development (the dev token issuer on), with <paramref name="settings"/> on top.</summary>
    public ApiHostFactory CreateApi(IDictionary<string, string>? settings = null) => new(_database, ClusterId, "Development", settings);

    /// <summary>A pending credential on <c>demo-runtime-1</c>, as an agent's request file would create it.</summary>
    public async Task<CredentialRef> RequestAsync(string skillKey, string keyName)
    {
        var credentialRef = new CredentialRef("demo", Runtime, skillKey, keyName);
        await Demo.RequestCredentialAsync(credentialRef, new CredentialRequest("main", "tests"));
        return credentialRef;
    }

    /// <summary>Whether the host's secret file holds <paramref name="value"/>.</summary>
    public bool HostHolds(string value) => File.Exists(SecretsFile) && File.ReadAllText(SecretsFile).Contains(value, StringComparison.Ordinal);

    /// <summary>A client of <paramref name="api"/> carrying a dev-issuer token for <paramref name="subject"/>.</summary>
    public static async Task<HttpClient> ClientFor(WebApplicationFactory<Program> api, string subject)
    {
        var http = api.CreateClient();
        var token = await http.GetFromJsonAsync<JsonElement>($"/dev/token?sub={subject}");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return http;
    }
}
