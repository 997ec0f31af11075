using System.Globalization;
using SkillsOrleans.CrashHarness;

namespace SkillsOrleans.StackBench;

/// <summary>
/// What the stack benchmarks measure: the crash harness's real processes on 127.0.0.1 — a durable PostgreSQL (fsync
/// and synchronous commit on), two core silos, two APIs and one runtime silo per tenant, on cluster TLS — with each
/// tenant's account made through the platform API and every key of its skills asked for by an agent's request file.
/// The throughput benchmark starts it with one core silo too.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private readonly bool _keep;

    private readonly RepositoryLayout _repository;
    private readonly IReadOnlyList<SkillPlan> _skills;

    private BenchCluster(
        string runDirectory, RepositoryLayout repository, StackProcesses processes, HttpClient health, ApiPair apis,
        IReadOnlyList<TenantPlan> tenants, IReadOnlyList<SkillPlan> skills, IReadOnlyList<CredentialTrack> keys, bool keep)
    {
        _repository = repository;
        _skills = skills;
        RunDirectory = runDirectory;
        Processes = processes;
        Health = health;
        Apis = apis;
        Tenants = tenants;
        Keys = keys;
        _keep = keep;
    }

    public string RunDirectory { get; }

    public StackProcesses Processes { get; }

    public HttpClient Health { get; }

    public ApiPair Apis { get; }

    public IReadOnlyList<TenantPlan> Tenants { get; }

    /// <summary>Every key of every tenant: each tenant's runtime has the same skills, two keys each.</summary>
    public IReadOnlyList<CredentialTrack> Keys { get; }

    public IEnumerable<CredentialTrack> KeysOf(TenantPlan tenant) => Keys.Where(key => key.Tenant == tenant);

    public RuntimeHostLayout Host(TenantPlan tenant) => Processes.Hosts[tenant.RuntimeId];

    /// <summary>
    /// Starts everything (two core silos unless told; the runtime silos two at a time unless told not to start them, see
    /// <see cref="StartRuntimesAsync"/>); no key is requested yet (the caller times that).
    /// </summary>
    public static async Task<BenchCluster> StartAsync(
        int tenantCount, int skillsPerTenant, bool keep, TextWriter log, int coreSilos = 2, bool withRuntimes = true)
    {
        var runDirectory = Directory.CreateTempSubdirectory("skillsorleans-bench-").FullName;
        var repository = RepositoryLayout.Find();
        var tenants = Enumerable.Range(1, tenantCount)
            .Select(i => new TenantPlan(
                string.Create(CultureInfo.InvariantCulture, $"bench-{i:D3}"),
                string.Create(CultureInfo.InvariantCulture, $"bench-{i:D3}-owner"),
                string.Create(CultureInfo.InvariantCulture, $"bench-{i:D3}-runtime")))
            .ToList();
        var skills = SkillPlan.Numbered(skillsPerTenant);
        var keys = CredentialTrack.AllOf(tenants, skills);

        var health = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var processes = await StackProcesses.StartDatabaseAsync(runDirectory, repository, log);
        try
        {
            await processes.StartCoreAndApisAsync(repository, health, coreSilos);
            var apis = new ApiPair([.. processes.Of(NodeKind.Api)]);
            await TenantSetup.CreateAccountsAsync(apis, tenants);
            var stack = new BenchCluster(runDirectory, repository, processes, health, apis, tenants, skills, keys, keep);
            if (withRuntimes)
            {
                await stack.StartRuntimesAsync(startingAtOnce: 2);
            }

            return stack;
        }
        catch
        {
            await processes.DisposeAsync();
            health.Dispose();
            throw;
        }
    }

    /// <summary>One runtime silo per tenant, <paramref name="startingAtOnce"/> at a time, each waited for until healthy.</summary>
    public Task StartRuntimesAsync(int startingAtOnce) =>
        Processes.StartRuntimesAsync(_repository, Tenants, _skills, Health, startingAtOnce);

    public async ValueTask DisposeAsync()
    {
        Apis.Dispose();
        await Processes.DisposeAsync();
        Health.Dispose();
        if (!_keep)
        {
            Directory.Delete(RunDirectory, recursive: true);
        }
    }
}
