using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Metadata;
using Orleans.Storage;
using Orleans.TestingHost;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Grains;
using SkillsOrleans.Grains.Accounts;
using SkillsOrleans.Hosting.Accounts;
using SkillsOrleans.Hosting.Catalogs;
using SkillsOrleans.Hosting.Streams;
using SkillsOrleans.Contracts.Events;
using SkillsOrleans.ClientHosting;
using SkillsOrleans.ClientHosting.Accounts;
using SkillsOrleans.ClientHosting.Audit;
using SkillsOrleans.ClientHosting.Fleet;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.RuntimeHost;
using SkillsOrleans.RuntimeHost.OpenClaw;
using SkillsOrleans.Sealing;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// Three silos from Orleans' TestingHost with grain state in real PostgreSQL: Silo_0 is a core silo, Silo_1 hosts
/// runtime <see cref="RuntimeOne"/> of account <see cref="AccountOne"/> and Silo_2 hosts <see cref="RuntimeTwo"/> of
/// <see cref="AccountTwo"/>. Failure detection is tuned down so that a killed silo is declared dead in seconds.
/// </summary>
public sealed class FleetTestCluster : IAsyncDisposable
{
    public const string AccountOne = "acme";
    public const string AccountTwo = "globex";
    public const string RuntimeOne = "acme-rt-1";
    public const string RuntimeTwo = "globex-rt-1";

    private static readonly Dictionary<string, (string Runtime, string Account)> RuntimeHosts = new()
    {
        ["Silo_1"] = (RuntimeOne, AccountOne),
        ["Silo_2"] = (RuntimeTwo, AccountTwo),
    };

    /// <summary>How long a killed or restarted host may take to be noticed.</summary>
    private static readonly TimeSpan HostChangeTimeout = TimeSpan.FromSeconds(60);

    private FleetTestCluster(InProcessTestCluster cluster, DirectoryInfo workspaces)
    {
        Cluster = cluster;
        _workspaces = workspaces;
    }

    private readonly DirectoryInfo _workspaces;

    public InProcessTestCluster Cluster { get; }

    /// <summary>The OpenClaw workspace directory of a runtime hosted by this cluster.</summary>
    public string Workspace(string runtimeId) => Path.Combine(_workspaces.FullName, runtimeId);

    /// <summary>The host secret file of a runtime hosted by this cluster.</summary>
    public string SecretsFile(string runtimeId) => Path.Combine(_workspaces.FullName, runtimeId + "-state", "secrets", "runtime-secrets.json");

    public IClusterClient Client => Cluster.Client;

    /// <summary>A value sealed to the credential's runtime host for one version, valid for five minutes.</summary>
    public async Task<SealedSecretEnvelope> SealAsync(CredentialRef credential, int version, string value)
    {
        var key = await Runtime(credential.Runtime).GetSealingKeyAsync();
        return SecretSealer.Seal(Convert.FromBase64String(key.Spki), key.Kid, credential.Runtime, credential.ToString(), version,
            DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds(), value);
    }

    /// <summary>Changes a runtime's host secret file as an operator's editor (or a crash's leftover) would: in place, mode 0600 kept.</summary>
    public void EditSecretFile(string runtimeId, Action<JsonObject> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var path = SecretsFile(runtimeId);
        var file = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))!.AsObject() : [];
        edit(file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        JsonSerializer.Serialize(stream, file);
    }

    /// <summary>The value a runtime's host secret file holds for a credential, or null when it holds none.</summary>
    public string? StoredSecret(CredentialRef credential)
    {
        var path = SecretsFile(credential.Runtime);
        if (!File.Exists(path))
        {
            return null;
        }

        using var file = JsonDocument.Parse(File.ReadAllText(path));
        return file.RootElement.TryGetProperty(credential.Account, out var account)
            && account.TryGetProperty(credential.SkillKey, out var skill)
            && skill.TryGetProperty(credential.KeyName, out var value)
            ? value.GetString()
            : null;
    }

    /// <param name="configValidateCommand">The OpenClaw config validator of <see cref="RuntimeOne"/>'s host, if any.</param>
    /// <param name="reconcileInterval">
    /// How often the hosts reconcile. Off by default: many tests record deliveries by hand, with fingerprints no host
    /// holds, which reconciliation would (rightly) record as revoked. ReconciliationTests turn it on.
    /// </param>
    /// <param name="logs">Takes every silo's log entries (Information and above), if given.</param>
    public static async Task<FleetTestCluster> StartAsync(
        string connectionString, string? configValidateCommand = null, TimeSpan? reconcileInterval = null, CapturedLogs? logs = null)
    {
        var workspaces = Directory.CreateTempSubdirectory("skillsorleans-fleet-");
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((options, silo) =>
        {
            RuntimeHostOptions? runtime = RuntimeHosts.TryGetValue(options.SiloName, out var host)
                ? new RuntimeHostOptions
                {
                    RuntimeId = host.Runtime,
                    AccountId = host.Account,
                    WorkspaceDir = Path.Combine(workspaces.FullName, host.Runtime),
                    StateDir = Path.Combine(workspaces.FullName, host.Runtime + "-state"),
                    ConfigPath = Path.Combine(workspaces.FullName, host.Runtime + "-state", "openclaw.json"),
                    SecretsFile = Path.Combine(workspaces.FullName, host.Runtime + "-state", "secrets", "runtime-secrets.json"),
                    SealingKeyFile = Path.Combine(workspaces.FullName, host.Runtime + "-state", "skillsorleans", "sealing-key.pem"),
                    Gateway = new OpenClawGatewayOptions { FlagFilePath = Path.Combine(workspaces.FullName, host.Runtime + "-state", "skillsorleans", "reload-requested") },
                    SkillSyncInterval = TimeSpan.FromSeconds(30),
                    ReconcileInterval = reconcileInterval ?? Timeout.InfiniteTimeSpan,
                    ConfigValidateCommand = host.Runtime == RuntimeOne ? configValidateCommand : null,
                }
                : null;
            silo.AddSkillsOrleansGrains(runtime);
            if (logs is not null)
            {
                silo.Services.AddLogging(logging => logging.AddProvider(logs).AddFilter<CapturedLogs>(null, LogLevel.Information));
            }

            if (runtime is null)
            {
                silo.AddAccountEventStreams(connectionString);
            }
            else
            {
                silo.Configure<EndpointOptions>(endpoints => endpoints.GatewayPort = 0); // as production runtime silos
            }

            silo.Services.AddPostgresAuditTrail(connectionString);
            silo.Services.AddPostgresSkillCatalogs(connectionString);
            silo.Services.AddPostgresAccountDirectory(connectionString);
            silo.Services.AddPostgresCredentialIndex(connectionString);
            silo.Services.AddPostgresRuntimeRoster(connectionString);
            silo.AddAdoNetGrainStorage(GrainStorageNames.State, storage =>
            {
                storage.Invariant = PostgresClusterClientExtensions.Invariant;
                storage.ConnectionString = connectionString;
            });
            silo.Configure<ClusterMembershipOptions>(membership =>
            {
                membership.ProbeTimeout = TimeSpan.FromSeconds(1);
                membership.NumMissedProbesLimit = 2;
                membership.NumVotesForDeathDeclaration = 1;
                membership.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                membership.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1);
            });
        });
        builder.ConfigureClient(client => client
            .Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(10))
            // A client that first asked a silo which did not yet know the core silo's grain types asks again only
            // after this interval (a minute by default): keep it short so the fixture's wait below is not a minute.
            .Configure<TypeManagementOptions>(types => types.TypeMapRefreshInterval = TimeSpan.FromSeconds(1))
            .AddMemoryStreams(AccountEventStreams.ProviderName));

        var cluster = builder.Build();
        await cluster.DeployAsync();
        var fleet = new FleetTestCluster(cluster, workspaces);
        await fleet.WaitForClientManifestAsync();
        await fleet.CreateAccountsAsync();
        return fleet;
    }

    public IAccountGrain Account(string accountId) => Client.GetGrain<IAccountGrain>(accountId);

    public TenantCredentials Credentials(string accountId) => new(Client, accountId);

    /// <summary>The account's row as grain storage holds it (not as an activation remembers it).</summary>
    public async Task<AccountState> ReadStoredAccountAsync(string accountId)
    {
        var stored = new GrainState<AccountState>(new AccountState());
        var storage = Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.State);
        await storage.ReadStateAsync("account", GrainId.Create("account", accountId), stored);
        return stored.State ?? throw new InvalidOperationException($"No stored state for account '{accountId}'.");
    }

    public IRuntimeGrain Runtime(string runtimeId) => Client.GetGrain<IRuntimeGrain>(runtimeId);

    public InProcessSiloHandle Silo(string name) => Cluster.Silos.Single(s => s.Name == name);

    /// <summary>Waits until the runtime's startup service has registered it with its account (retries while it cannot).</summary>
    public Task WaitForRegistrationAsync(string accountId, string runtimeId) =>
        Eventually.TrueAsync(async () => (await Account(accountId).GetAsync())?.Runtimes.Any(r => r.RuntimeId == runtimeId) == true);

    /// <summary>
    /// Waits until calls to the runtime fail as offline, which they do at once when the cluster has declared its host
    /// dead; before that they time out, bounce or still answer.
    /// </summary>
    public async Task<RuntimeOfflineException> WaitForOfflineAsync(string runtimeId) =>
        (RuntimeOfflineException)await Eventually.ValueAsync(() => StatusOrErrorAsync(runtimeId), answer => answer is RuntimeOfflineException, HostChangeTimeout);

    /// <summary>Waits until the runtime answers again, as it does once its host is back.</summary>
    public async Task<RuntimeStatus> WaitForOnlineAsync(string runtimeId) =>
        (RuntimeStatus)await Eventually.ValueAsync(() => StatusOrErrorAsync(runtimeId), answer => answer is RuntimeStatus, HostChangeTimeout);

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _workspaces.Delete(recursive: true);
    }

    /// <summary>The runtime's status, or the exception asking for it ended in.</summary>
    private async Task<object> StatusOrErrorAsync(string runtimeId)
    {
        try
        {
            return await Runtime(runtimeId).GetStatusAsync();
        }
        catch (Exception error)
        {
            return error;
        }
    }

    /// <summary>
    /// The client learns which grain types the cluster offers from its gateway after it has connected, and refreshes
    /// them periodically; until the core silo's types reach it, naming an account grain throws "Could not find an
    /// implementation".
    /// </summary>
    private Task WaitForClientManifestAsync()
    {
        var manifests = Client.ServiceProvider.GetRequiredService<IClusterManifestProvider>();
        return Eventually.TrueAsync(() => Task.FromResult(
            manifests.Current.AllGrainManifests.Any(silo => silo.Grains.ContainsKey(CoreSiloQueueBalancer.AccountGrainType))));
    }

    private async Task CreateAccountsAsync()
    {
        await Account(AccountOne).CreateAsync(new AccountCreation("Acme", "acme-owner", SkillsPocEnabled: true));
        await Account(AccountTwo).CreateAsync(new AccountCreation("Globex", "globex-owner", SkillsPocEnabled: true));
        await WaitForRegistrationAsync(AccountOne, RuntimeOne);
        await WaitForRegistrationAsync(AccountTwo, RuntimeTwo);
    }
}
