using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// The local stack as <c>run.sh</c> starts it, shared by the tests of one class: a core silo seeded with the demo
/// accounts, the silo of runtime <see cref="Runtime"/> (bound to <c>demo</c>, with a workspace holding
/// <see cref="TrelloSkill"/> and a broken skill), and the API in Development with bearer tokens from its dev issuer.
/// </summary>
public sealed class DemoStackFixture(PostgresFixture postgres) : IAsyncLifetime
{
    public const string Runtime = "demo-runtime-1";

    public const string TrelloSkill = """
        ---
        name: trello
        description: "Manage Trello boards."
        metadata:
          { "openclaw": { "emoji": "📋", "primaryEnv": "TRELLO_API_KEY", "requires": { "env": ["TRELLO_API_KEY", "TRELLO_TOKEN"] } } }
        ---
        # Trello
        """;

    public const string ClusterId = "stack";
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("skillsorleans-stack-");
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private string _database = null!;

    /// <summary>The stack's database, for tests that start more silos in its cluster (<see cref="ClusterId"/>).</summary>
    public string Database => _database;

    public SiloProcessHost Core { get; private set; } = null!;

    public SiloProcessHost? RuntimeSilo { get; private set; }

    public ApiHostFactory Api { get; private set; } = null!;

    public IAccountGrain Account(string accountId) => Core.Grains.GetGrain<IAccountGrain>(accountId);

    public async Task InitializeAsync()
    {
        WriteSkill("trello", TrelloSkill);
        WriteSkill("broken", "no frontmatter here");
        _database = await postgres.CreateMigratedDatabaseAsync(ClusterId);
        Core = await SiloProcessHost.StartAsync(_database, ClusterId, new Dictionary<string, string?> { ["Seed:Demo"] = "true" });
        await StartRuntimeAsync();
        Api = new ApiHostFactory(_database, ClusterId, "Development", new Dictionary<string, string>(ApiHostFactory.GenerousWriteLimits));
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await Api.DisposeAsync();
        await StopRuntimeAsync();
        await Core.DisposeAsync();
        _root.Delete(recursive: true);
    }

    /// <summary>An HTTP client of the API carrying a dev-issuer token for the subject.</summary>
    public async Task<HttpClient> ClientFor(string subject)
    {
        if (!_clients.TryGetValue(subject, out var http))
        {
            http = Api.CreateClient();
            var token = await http.GetFromJsonAsync<JsonElement>($"/dev/token?sub={subject}");
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
            _clients[subject] = http;
        }

        return http;
    }

    /// <summary>Starts the runtime's silo (same workspace and state as before) and waits until it has registered.</summary>
    public async Task StartRuntimeAsync()
    {
        var started = DateTimeOffset.UtcNow;
        RuntimeSilo = await SiloProcessHost.StartAsync(_database, ClusterId, new Dictionary<string, string?>
        {
            ["RUNTIME_ID"] = Runtime,
            ["RUNTIME_ACCOUNT"] = "demo",
            ["OPENCLAW_WORKSPACE_DIR"] = Path.Combine(_root.FullName, "workspace"),
            ["OPENCLAW_STATE_DIR"] = Path.Combine(_root.FullName, "state"),
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await Account("demo").GetAsync())?.Runtimes.Any(r => r.RuntimeId == Runtime && r.LastRegisteredAt >= started) != true
            || (await Account("demo").ListSkillCatalogsAsync()).SingleOrDefault()?.Skills.Count != 2)
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>Stops the runtime's silo gracefully: it leaves the membership table at once, so its runtime is offline.</summary>
    public async Task StopRuntimeAsync()
    {
        if (RuntimeSilo is { } silo)
        {
            RuntimeSilo = null;
            await silo.DisposeAsync();
        }
    }

    private void WriteSkill(string folder, string text)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_root.FullName, "workspace", "skills", folder));
        File.WriteAllText(Path.Combine(directory.FullName, "SKILL.md"), text);
    }
}
