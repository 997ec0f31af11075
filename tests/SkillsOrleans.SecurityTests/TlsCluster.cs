using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SkillsOrleans.ClientHosting;
using SkillsOrleans.ClientHosting.Accounts;
using SkillsOrleans.ClientHosting.Audit;
using SkillsOrleans.ClientHosting.Fleet;
using SkillsOrleans.ClientHosting.Configuration;
using SkillsOrleans.ClientHosting.Security;
using SkillsOrleans.CrashHarness;
using SkillsOrleans.Grains;
using SkillsOrleans.Hosting.Accounts;
using SkillsOrleans.Hosting;
using SkillsOrleans.Hosting.Catalogs;
using SkillsOrleans.Hosting.Database;
using SkillsOrleans.Hosting.Security;
using SkillsOrleans.Hosting.Streams;
using SkillsOrleans.Testing;

namespace SkillsOrleans.SecurityTests;

/// <summary>
/// A cluster on mutual TLS, started as an operator starts it in production: a core silo and the runtime silo of
/// <c>rt-a</c> as separate processes in the Production environment, each with a certificate from the cluster's
/// authority. Tests connect clients and start impostor silos against it from this process.
/// </summary>
public sealed class TlsCluster : IAsyncLifetime
{
    public const string LegitRuntime = "rt-a";
    public const string LegitAccount = "tenant-a";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    private readonly HttpClient _http = new();
    private readonly List<IHost> _extraHosts = [];
    private readonly ClusterTlsFiles _tls;

    public TlsCluster() => _tls = new ClusterTlsFiles(Path.Combine(Directory, "tls"));

    public string ClusterId { get; } = "tls-" + Guid.NewGuid().ToString("N")[..8];

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("skillsorleans-tls-").FullName;

    public PostgresServer Postgres { get; private set; } = null!;

    public string ConnectionString { get; private set; } = null!;

    public ClusterCertificateAuthority Authority => _tls.Authority;

    public ClusterNode Core { get; private set; } = null!;

    public ClusterNode RuntimeSilo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "logs"));
        Postgres = await PostgresServer.StartAsync();
        ConnectionString = Postgres.ConnectionString(await Postgres.CreateDatabaseAsync("tls"));
        await SchemaMigrator.ApplyAsync(ConnectionString, NullLogger.Instance);
        var repository = RepositoryLayout.Find();

        Core = NewSilo(repository, "core", NodeKind.CoreSilo, Files(ClusterPeerIdentity.CoreSilo, "core"), new Dictionary<string, string>());
        Core.Start();
        await Core.WaitHealthyAsync(_http, TimeSpan.FromSeconds(90));
        // A runtime silo registers with its account at start, so the account comes first (as a platform admin makes it).
        using (var admin = await StartClientAsync(Credentials(ClusterPeerIdentity.Client)))
        {
            await admin.Services.GetRequiredService<IClusterClient>().GetGrain<Contracts.Accounts.IAccountGrain>(LegitAccount)
                .CreateAsync(new Contracts.Accounts.AccountCreation("Tenant A", "owner-a", true));
        }

        var host = Path.Combine(Directory, "host-a");
        RuntimeSilo = NewSilo(repository, "runtime-a", NodeKind.RuntimeSilo, Files(ClusterPeerIdentity.Runtime(LegitRuntime), "runtime-a"), new Dictionary<string, string>
        {
            ["RUNTIME_ID"] = LegitRuntime,
            ["RUNTIME_ACCOUNT"] = LegitAccount,
            ["OPENCLAW_WORKSPACE_DIR"] = Path.Combine(host, "workspace"),
            ["OPENCLAW_STATE_DIR"] = Path.Combine(host, "openclaw"),
            ["OPENCLAW_GATEWAY_URL"] = $"ws://127.0.0.1:{FreePorts.Next()}",
        });
        RuntimeSilo.Start();
        await RuntimeSilo.WaitHealthyAsync(_http, TimeSpan.FromSeconds(90));
    }

    /// <summary>A process of the silo executable in the Production environment, with the given extra settings.</summary>
    public ClusterNode NewSilo(RepositoryLayout repository, string name, NodeKind kind, IReadOnlyDictionary<string, string> tls, IReadOnlyDictionary<string, string> role)
    {
        var url = new Uri($"http://127.0.0.1:{FreePorts.Next()}/");
        var environment = new Dictionary<string, string>(tls)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Urls"] = url.GetLeftPart(UriPartial.Authority),
            ["ConnectionStrings__Postgres"] = ConnectionString,
            ["Orleans__ClusterId"] = ClusterId,
            ["Orleans__ServiceId"] = ClusterId,
            ["Orleans__SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in role)
        {
            environment[key] = value;
        }

        return new ClusterNode(name, kind, url, [repository.SiloDll], environment, Path.Combine(Directory, "logs", name + ".log"));
    }

    /// <summary>Writes a certificate of this cluster's authority for the identity, and the settings that point at it.</summary>
    public Dictionary<string, string> Files(ClusterPeerIdentity identity, string name) => _tls.Environment(identity, name);

    /// <summary>Credentials for an in-process client or impostor: a certificate for the identity from the issuer given.</summary>
    public ClusterCredentials Credentials(ClusterPeerIdentity identity, ClusterCertificateAuthority? issuer = null)
    {
        var certificate = (issuer ?? Authority).Issue(identity, Lifetime, TimeProvider.System);
        return new ClusterCredentials(certificate, new ClusterCertificateValidator([Authority.Root], TimeProvider.System), identity);
    }

    /// <summary>
    /// An Orleans client of the cluster, started; with <paramref name="tls"/> null it speaks plain TCP. Connecting fails
    /// at once when no gateway accepts it (no retries), which is what the refusal tests look for.
    /// </summary>
    public async Task<IHost> StartClientAsync(ClusterCredentials? tls)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.UsePostgresCluster(new ClusterSettings(ConnectionString, ClusterId, ClusterId));
            if (tls is not null)
            {
                client.UseClusterTls(tls);
            }
        });
        var host = builder.Build();
        _extraHosts.Add(host);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(deadline.Token);
        return host;
    }

    /// <summary>
    /// An impostor: a silo built in this process with a certificate of this cluster (so it can join) that claims
    /// <paramref name="claimedRuntime"/> in its metadata, with the proof its certificate can give (which for another
    /// runtime's certificate is no proof). It serves no gateway, so clients reach placement only through our silos.
    /// </summary>
    public async Task<IHost> StartImpostorSiloAsync(string claimedRuntime, ClusterCredentials credentials)
    {
        var siloPort = FreePorts.Next();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var cluster = new ClusterSettings(ConnectionString, ClusterId, ClusterId);
        builder.UseOrleans(silo =>
        {
            silo.ConfigureEndpoints(System.Net.IPAddress.Loopback, siloPort, gatewayPort: 0);
            silo.UsePostgresCluster(cluster);
            silo.AddAccountEventStreams(cluster.ConnectionString); // it hosts account grains as a core silo does
            silo.Services.AddPostgresAuditTrail(cluster.ConnectionString);
            silo.Services.AddPostgresSkillCatalogs(cluster.ConnectionString);
            silo.Services.AddPostgresAccountDirectory(cluster.ConnectionString);
            silo.Services.AddPostgresCredentialIndex(cluster.ConnectionString);
            silo.Services.AddPostgresRuntimeRoster(cluster.ConnectionString);
            silo.UseClusterTls(credentials);
            silo.Services.AddSingleton<Grains.Placement.IRuntimeClaimVerifier>(new CertificateRuntimeClaims(credentials.Validator));
            var claim = RuntimeClaimMetadata.Proof(claimedRuntime, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, siloPort), credentials);
            claim[Contracts.Runtimes.RuntimeSiloMetadata.RuntimeIdKey] = claimedRuntime;
            silo.AddSkillsOrleansGrains(runtimeHost: null, claim);
        });
        var host = builder.Build();
        _extraHosts.Add(host);
        await host.StartAsync();
        return host;
    }

    public async Task<int> AuditRowsAsync(string accountId, string action)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM skillsorleans_audit WHERE account_id = @a AND action = @b", connection);
        command.Parameters.AddWithValue("a", accountId);
        command.Parameters.AddWithValue("b", action);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public static string Log(ClusterNode node) => File.Exists(node.LogFile) ? File.ReadAllText(node.LogFile) : "";

    public async Task DisposeAsync()
    {
        foreach (var host in _extraHosts)
        {
            try
            {
                await host.StopAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException)
            {
            }

            host.Dispose();
        }

        await RuntimeSilo.DisposeAsync();
        await Core.DisposeAsync();
        await Postgres.DisposeAsync();
        _tls.Dispose();
        _http.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class TlsClusterCollection : ICollectionFixture<TlsCluster>
{
    public const string Name = "tls cluster";
}
