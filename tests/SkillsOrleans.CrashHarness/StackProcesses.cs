using System.Diagnostics;
using System.Globalization;
using SkillsOrleans.ClientHosting.Security;
using SkillsOrleans.Testing;

namespace SkillsOrleans.CrashHarness;

/// <summary>
/// The whole stack as separate OS processes on 127.0.0.1: a durable private PostgreSQL with the schema applied, two
/// core silos, two API instances and one runtime silo per tenant, each with its own ports and log file in the run
/// directory. Disposing it kills every process it started and stops PostgreSQL.
/// </summary>
public sealed class StackProcesses : IAsyncDisposable
{
    private const string ClusterId = "crash-harness";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly List<ClusterNode> _nodes = [];
    private readonly TextWriter _log;
    private readonly ClusterTlsFiles _tls;
    private int _disposed;

    private StackProcesses(string runDirectory, PostgresServer postgres, string connectionString, TextWriter log)
    {
        RunDirectory = runDirectory;
        _tls = new ClusterTlsFiles(Path.Combine(runDirectory, "tls"));
        Postgres = postgres;
        ConnectionString = connectionString;
        _log = log;
    }

    public string RunDirectory { get; }

    public PostgresServer Postgres { get; }

    public string ConnectionString { get; }

    public IReadOnlyList<ClusterNode> Nodes => _nodes;

    public IEnumerable<ClusterNode> Of(NodeKind kind) => _nodes.Where(node => node.Kind == kind);

    public IReadOnlyDictionary<string, RuntimeHostLayout> Hosts { get; private set; } = new Dictionary<string, RuntimeHostLayout>();

    /// <summary>Whether PostgreSQL is stopped on purpose right now.</summary>
    public bool PostgresStopped { get; private set; }

    public static async Task<StackProcesses> StartDatabaseAsync(string runDirectory, RepositoryLayout repository, TextWriter log)
    {
        Directory.CreateDirectory(Path.Combine(runDirectory, "logs"));
        var postgres = await PostgresServer.StartAsync(durable: true);
        try
        {
            var connectionString = await postgres.CreateDatabaseAsync("crash");
            var stack = new StackProcesses(runDirectory, postgres, connectionString, log);
            await stack.MigrateAsync(repository);
            return stack;
        }
        catch
        {
            await postgres.DisposeAsync();
            throw;
        }
    }

    /// <summary>Core silos (two unless told), then two APIs sharing one development issuer (each group started side by side).</summary>
    public async Task StartCoreAndApisAsync(RepositoryLayout repository, HttpClient http, int coreSilos = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(coreSilos, 1);
        var cores = Enumerable.Range(1, coreSilos).Select(i => NewSilo(repository, $"core-{i}", NodeKind.CoreSilo, new Dictionary<string, string>())).ToList();
        _nodes.AddRange(cores);
        await Task.WhenAll(cores.Select(core => StartNodeAsync(core, http)));

        var keyPath = DevIssuerKey.Create(Path.Combine(RunDirectory, "dev-issuer"));
        var ports = new[] { FreePorts.Next(), FreePorts.Next() };
        var issuerUrl = $"http://127.0.0.1:{ports[0]}";
        var apis = new List<ClusterNode>();
        for (var i = 0; i < 2; i++)
        {
            var url = new Uri($"http://127.0.0.1:{ports[i]}/");
            var environment = Common(url);
            foreach (var (key, value) in _tls.Environment(ClusterPeerIdentity.Client, $"api-{i + 1}"))
            {
                environment[key] = value;
            }

            environment["DevIssuer__Issuer"] = issuerUrl + "/dev";
            environment["DevIssuer__AuthorizedParty"] = issuerUrl;
            environment["DevIssuer__KeyPath"] = keyPath;
            // The workload writes and reads far faster than a person; the per-caller limits are not what this harness tests.
            environment["RateLimits__WriteBurst"] = "100000";
            environment["RateLimits__WritesPerMinute"] = "100000";
            environment["RateLimits__ReadBurst"] = "100000";
            environment["RateLimits__ReadsPerMinute"] = "100000";
            apis.Add(new ClusterNode($"api-{i + 1}", NodeKind.Api, url,
                [repository.ApiDll, "--contentRoot", repository.ApiDirectory], environment, LogPath($"api-{i + 1}")));
        }

        _nodes.AddRange(apis);
        await Task.WhenAll(apis.Select(api => StartNodeAsync(api, http)));
    }

    /// <summary>
    /// One runtime silo per tenant, each with its own workspace, OpenClaw state and secret file, started
    /// <paramref name="startingAtOnce"/> at a time (many silos joining at once on a small machine can miss their TLS
    /// handshake deadlines).
    /// </summary>
    public async Task StartRuntimesAsync(
        RepositoryLayout repository, IReadOnlyList<TenantPlan> tenants, IReadOnlyList<SkillPlan> skills, HttpClient http, int startingAtOnce = int.MaxValue)
    {
        var hosts = new Dictionary<string, RuntimeHostLayout>(StringComparer.Ordinal);
        var silos = new List<ClusterNode>();
        foreach (var tenant in tenants)
        {
            var host = new RuntimeHostLayout(Path.Combine(RunDirectory, "hosts", tenant.RuntimeId));
            host.Create(skills);
            hosts[tenant.RuntimeId] = host;
            silos.Add(NewSilo(repository, tenant.RuntimeId, NodeKind.RuntimeSilo, host.Environment(tenant, FreePorts.Next())));
        }

        Hosts = hosts;
        _nodes.AddRange(silos);
        foreach (var batch in silos.Chunk(startingAtOnce))
        {
            await Task.WhenAll(batch.Select(silo => StartNodeAsync(silo, http)));
        }
    }

    /// <summary>Starts a node of this stack (again) and waits until it is healthy.</summary>
    public async Task StartNodeAsync(ClusterNode node, HttpClient http, IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        node.Start(extraEnvironment);
        await node.WaitHealthyAsync(http, StartTimeout);
        node.LastStartTook = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        _log.WriteLine($"{Clock.Now} {node.Name} healthy at {node.Url}{(node.ArmedCrashPoint is { } point ? $" (armed: {point})" : "")}");
    }

    /// <summary><c>pg_ctl stop -m immediate</c>; true if the server process is gone afterwards.</summary>
    public async Task<bool> StopPostgresImmediatelyAsync()
    {
        var pid = await Postgres.StopImmediatelyAsync();
        PostgresStopped = true;
        if (pid is not { } id)
        {
            return false;
        }

        // pg_ctl returns once the lock file is gone; the server process has exited by then or soon after, and may
        // linger as a zombie until whoever adopted it reaps it. Either way it is dead.
        for (var wait = 0; wait < 100 && IsAlive(id); wait++)
        {
            await Task.Delay(100);
        }

        return !IsAlive(id);
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            var status = File.ReadAllLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status");
            return !status.Any(line => line.StartsWith("State:", StringComparison.Ordinal) && line.Contains("(zombie)", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }

    public async Task RestartPostgresAsync()
    {
        await Postgres.RestartAsync();
        PostgresStopped = false;
        _log.WriteLine($"{Clock.Now} PostgreSQL running again on port {Postgres.Port}");
    }

    /// <summary>Brings back whatever is not running: PostgreSQL first, then every process, without crash points.</summary>
    public async Task RestartDeadAsync(HttpClient http)
    {
        if (PostgresStopped)
        {
            await RestartPostgresAsync();
        }

        foreach (var node in _nodes.Where(node => !node.IsRunning).ToList())
        {
            _log.WriteLine($"{Clock.Now} {node.Name} is down (exit {node.ExitCode}); starting it again");
            await StartNodeAsync(node, http);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await Postgres.DisposeAsync();
        _tls.Dispose();
    }

    private ClusterNode NewSilo(RepositoryLayout repository, string name, NodeKind kind, IReadOnlyDictionary<string, string> role)
    {
        var url = new Uri($"http://127.0.0.1:{FreePorts.Next()}/");
        var environment = Common(url);
        environment["Orleans__SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        environment["Orleans__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        var identity = role.TryGetValue("RUNTIME_ID", out var runtimeId) ? ClusterPeerIdentity.Runtime(runtimeId) : ClusterPeerIdentity.CoreSilo;
        foreach (var (key, value) in _tls.Environment(identity, name).Concat(role))
        {
            environment[key] = value;
        }

        return new ClusterNode(name, kind, url, [repository.SiloDll], environment, LogPath(name));
    }

    private Dictionary<string, string> Common(Uri url) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Urls"] = url.GetLeftPart(UriPartial.Authority),
        ["ConnectionStrings__Postgres"] = ConnectionString,
        ["Orleans__ClusterId"] = ClusterId,
        ["Orleans__ServiceId"] = ClusterId,
    };

    private string LogPath(string name) => Path.Combine(RunDirectory, "logs", name + ".log");

    private async Task MigrateAsync(RepositoryLayout repository)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in (string[])["-c", "exec dotnet \"$0\" migrate >>\"$1\" 2>&1", repository.SiloDll, LogPath("migrate")])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ConnectionStrings__Postgres"] = ConnectionString;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the migration.");
        using var timeout = new CancellationTokenSource(StartTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The migration exited with {process.ExitCode}; see {LogPath("migrate")}.");
        }

        _log.WriteLine($"{Clock.Now} schema applied");
    }
}
