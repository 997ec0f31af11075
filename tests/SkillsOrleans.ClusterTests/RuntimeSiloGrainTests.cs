using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.TestingHost;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Dashboard;
using SkillsOrleans.Contracts.Events;
using SkillsOrleans.Contracts.Fleet;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;
using static SkillsOrleans.ClusterTests.FleetTestCluster;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// Runtime silos (Silo_1, Silo_2) host their runtime grain and nothing else: tenant grains and Orleans' own grains
/// activate on the core silo (Silo_0) only, however many there are and whichever silo calls them first, and calls
/// from a runtime silo reach them there.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RuntimeSiloGrainTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const int Spread = 24; // with random placement over three silos, about two thirds would land on runtime silos
    private FleetTestCluster _fleet = null!;

    public async Task InitializeAsync() => _fleet = await StartAsync(await postgres.CreateMigratedDatabaseAsync("runtimesilo"));

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public void Only_runtime_silos_watch_their_runtime_grains_turns()
    {
        static IEnumerable<string> Filters(InProcessSiloHandle silo) =>
            silo.ServiceProvider.GetServices<IIncomingGrainCallFilter>().Select(filter => filter.GetType().Name);

        Assert.Contains("RuntimeTurnWatchFilter", Filters(_fleet.Silo("Silo_1")));
        Assert.Contains("RuntimeTurnWatchFilter", Filters(_fleet.Silo("Silo_2")));
        Assert.DoesNotContain("RuntimeTurnWatchFilter", Filters(_fleet.Silo("Silo_0")));
    }

    [Fact]
    public async Task A_runtime_grain_the_cluster_deactivates_is_started_again_by_its_silo_and_handles_requests_again()
    {
        var skill = Directory.CreateDirectory(Path.Combine(_fleet.Workspace(RuntimeOne), "skills", "trello"));
        File.WriteAllText(Path.Combine(skill.FullName, "SKILL.md"), "---\nname: trello\ndescription: d\nmetadata: {\"openclaw\": {\"primaryEnv\": \"TRELLO_API_KEY\"}}\n---\n");
        await Eventually.TrueAsync(async () =>
            (await _fleet.Client.GetGrain<IRuntimeCatalogGrain>(RuntimeOne).GetAsync(AccountOne))?.Skills.Any(s => s.SkillKey == "trello") == true);
        var before = await _fleet.Runtime(RuntimeOne).GetStatusAsync();

        // As when a silo holding the grain's directory entry leaves the cluster; nothing here calls the grain afterwards.
        await _fleet.Runtime(RuntimeOne).AsReference<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle();
        var requests = Directory.CreateDirectory(Path.Combine(_fleet.Workspace(RuntimeOne), "requests", "skill-credentials"));
        File.WriteAllText(Path.Combine(requests.FullName, "after-deactivation.json"), """{"skill":"trello","key":"TRELLO_API_KEY"}""");

        await Eventually.TrueAsync(async () =>
            (await _fleet.Account(AccountOne).ListCredentialsAsync(CredentialStatus.Pending)).Any(c => c.CredentialRef == $"{AccountOne}/{RuntimeOne}/trello/TRELLO_API_KEY"),
            TimeSpan.FromSeconds(20));
        Assert.NotEqual(before.ActivatedAt, (await _fleet.Runtime(RuntimeOne).GetStatusAsync()).ActivatedAt);
    }

    [Fact]
    public void Runtime_silos_offer_only_the_runtime_grain_type_to_placement()
    {
        var manifest = _fleet.Silo("Silo_0").ServiceProvider.GetRequiredService<IClusterManifestProvider>().Current;

        foreach (var runtimeSilo in new[] { "Silo_1", "Silo_2" })
        {
            Assert.Equal(["runtime"], manifest.Silos[_fleet.Silo(runtimeSilo).SiloAddress].Grains.Keys.Select(t => t.ToString()));
        }

        var core = manifest.Silos[_fleet.Silo("Silo_0").SiloAddress].Grains.Keys.Select(t => t.ToString()!).ToList();
        Assert.All(["account", "credential", "runtime-directory", "runtime-catalog", "fleet-index", "dashboard-session", "runtime"], type => Assert.Contains(type, core));
        Assert.Contains(core, type => type.Contains("pubsubrendezvous", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Tenant_grains_called_from_a_runtime_silo_activate_on_the_core_silo_and_answer_there()
    {
        var fromRuntime = _fleet.Silo("Silo_1").ServiceProvider.GetRequiredService<IGrainFactory>();

        for (var i = 0; i < Spread; i++)
        {
            var account = $"spread-{i}";
            var created = await fromRuntime.GetGrain<IAccountGrain>(account).CreateAsync(new AccountCreation($"Spread {i}", "spread-owner", SkillsPocEnabled: true));
            Assert.Equal(account, created.AccountId);
            await fromRuntime.GetGrain<IRuntimeDirectoryGrain>($"spread-rt-{i}").GetAsync();
            Assert.True(await fromRuntime.GetGrain<IDashboardSessionGrain>($"spread-session-{i}").OpenAsync("platform-admin", DateTimeOffset.UtcNow.AddMinutes(5)));
            var requested = await new TenantCredentials(fromRuntime, AccountOne)
                .RequestCredentialAsync(new CredentialRef(AccountOne, RuntimeOne, "spread", $"KEY_{i}"), new CredentialRequest("main", "spread"));
            Assert.Equal(RequestOutcome.Created, requested.Outcome);
        }

        Assert.Equal(Spread, (await fromRuntime.GetGrain<IAccountGrain>(AccountOne).ListCredentialsAsync(CredentialStatus.Pending)).Count);
        await fromRuntime.ReadSkillCatalogsAsync(AccountOne);
        var listed = await _fleet.Silo("Silo_0").ServiceProvider.GetRequiredService<IAccountDirectory>().ReadPageAsync(null, 1000, CancellationToken.None);
        Assert.Contains("spread-0", listed.Accounts.Select(a => a.AccountId));

        var activations = await ActivationsAsync();
        var onRuntimeSilos = activations.Where(a => a.Silo != _fleet.Silo("Silo_0").SiloAddress).ToList();
        Assert.All(onRuntimeSilos, a => Assert.Equal("runtime", a.Type));
        Assert.Equal(
            [(RuntimeOne, _fleet.Silo("Silo_1").SiloAddress), (RuntimeTwo, _fleet.Silo("Silo_2").SiloAddress)],
            onRuntimeSilos.Select(a => (a.Key, a.Silo)).Order().ToList());

        // The grains asked for above are all there, on the core silo.
        var onCore = activations.Where(a => a.Silo == _fleet.Silo("Silo_0").SiloAddress).ToList();
        Assert.Equal(Spread + 2, onCore.Count(a => a.Type == "account"));
        Assert.Equal(Spread, onCore.Count(a => a.Type == "credential"));
        Assert.Equal(Spread, onCore.Count(a => a.Type == "dashboard-session"));
        Assert.Contains(onCore, a => a.Type == "runtime-catalog");
        Assert.Contains(onCore, a => a.Type == "fleet-index");
    }

    [Fact]
    public async Task Account_events_reach_a_client_whichever_silo_the_stream_s_queue_falls_to()
    {
        // The account streams' queues are shared out among silos; with two runtime silos out of three, most of
        // them would fall to a runtime silo if runtime silos took part in streaming.
        var accounts = Enumerable.Range(0, Spread).Select(i => $"events-{i}").ToList();
        foreach (var account in accounts)
        {
            await _fleet.Account(account).CreateAsync(new AccountCreation(account, "events-owner", SkillsPocEnabled: true));
        }

        var heard = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var provider = _fleet.Client.GetStreamProvider(AccountEventStreams.ProviderName);
        var subscriptions = new List<StreamSubscriptionHandle<AccountEvent>>();
        foreach (var account in accounts)
        {
            subscriptions.Add(await provider.GetStream<AccountEvent>(StreamId.Create(AccountEventStreams.Namespace, account))
                .SubscribeAsync((notice, _) => { heard.AddOrUpdate(notice.AccountId, 1, (_, n) => n + 1); return Task.CompletedTask; }));
        }

        foreach (var account in accounts)
        {
            await _fleet.Account(account).SetMemberAsync("events-member", MemberRole.Member);
        }

        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (heard.Count < Spread && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var unheard = accounts.Where(account => !heard.ContainsKey(account)).ToList();
        Assert.Empty(unheard);
        foreach (var subscription in subscriptions)
        {
            await subscription.UnsubscribeAsync();
        }
    }

    /// <summary>Every grain activation of the cluster (system targets are not grains and are not listed).</summary>
    private async Task<IReadOnlyList<(string Type, string Key, SiloAddress Silo)>> ActivationsAsync()
    {
        var silos = _fleet.Cluster.GetActiveSilos().Select(s => s.SiloAddress).ToArray();
        var statistics = await _fleet.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(hostsIds: silos);
        return [.. statistics
            .Where(s => !s.GrainId.Type.IsSystemTarget())
            .Select(s => (s.GrainId.Type.ToString()!, s.GrainId.Key.ToString()!, s.SiloAddress))];
    }
}
