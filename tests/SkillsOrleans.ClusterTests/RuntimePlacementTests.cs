using System.Diagnostics;
using Orleans.Runtime;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Testing;
using static SkillsOrleans.ClusterTests.FleetTestCluster;

namespace SkillsOrleans.ClusterTests;

/// <summary>Runtime grains live on their own host's silo, or nowhere.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RuntimePlacementTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly TimeSpan FailFast = TimeSpan.FromSeconds(1);
    private FleetTestCluster _fleet = null!;

    public async Task InitializeAsync() => _fleet = await StartAsync(await postgres.CreateMigratedDatabaseAsync("placement"));

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task Each_runtime_grain_activates_on_the_silo_that_hosts_its_runtime()
    {
        var one = await _fleet.Runtime(RuntimeOne).GetStatusAsync();
        var two = await _fleet.Runtime(RuntimeTwo).GetStatusAsync();

        Assert.Equal(_fleet.Silo("Silo_1").SiloAddress.ToString(), one.HostSilo);
        Assert.Equal(_fleet.Silo("Silo_2").SiloAddress.ToString(), two.HostSilo);
        Assert.Equal(AccountOne, one.AccountId);
        Assert.NotNull(one.RegisteredAt);
        Assert.Equal([_fleet.Silo("Silo_1").SiloAddress], await SilosWithActivation(RuntimeOne));
    }

    [Fact]
    public async Task A_runtime_without_a_host_is_offline_at_once_and_activates_nowhere()
    {
        var timer = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RuntimeOfflineException>(() => _fleet.Runtime("nowhere-rt").GetStatusAsync());
        timer.Stop();

        Assert.Equal("nowhere-rt", error.RuntimeId);
        Assert.Contains("offline", error.Message, StringComparison.Ordinal);
        Assert.True(timer.Elapsed < FailFast, $"took {timer.Elapsed}");
        Assert.Empty(await SilosWithActivation("nowhere-rt"));
    }

    [Fact]
    public async Task Killing_the_host_makes_the_runtime_offline_and_restarting_it_brings_the_runtime_home()
    {
        var host = _fleet.Silo("Silo_1");
        await _fleet.Runtime(RuntimeOne).GetStatusAsync();

        await _fleet.Cluster.KillSiloAsync(host);
        var offline = await _fleet.WaitForOfflineAsync(RuntimeOne);

        // Once the cluster knows the host is gone, every call fails fast and nothing activates elsewhere.
        var timer = Stopwatch.StartNew();
        await Assert.ThrowsAsync<RuntimeOfflineException>(() => _fleet.Runtime(RuntimeOne).GetStatusAsync());
        timer.Stop();
        Assert.Equal(RuntimeOne, offline.RuntimeId);
        Assert.True(timer.Elapsed < FailFast, $"took {timer.Elapsed}");
        Assert.Empty(await SilosWithActivation(RuntimeOne));
        Assert.Equal(_fleet.Silo("Silo_2").SiloAddress.ToString(), (await _fleet.Runtime(RuntimeTwo).GetStatusAsync()).HostSilo);

        var restarted = await _fleet.Cluster.RestartSiloAsync(host);
        Assert.NotNull(restarted);
        var back = await _fleet.WaitForOnlineAsync(RuntimeOne);

        Assert.Equal(restarted.SiloAddress.ToString(), back.HostSilo);
        Assert.Equal([restarted.SiloAddress], await SilosWithActivation(RuntimeOne));
    }

    /// <summary>Asks every live silo (through the management grain) where the runtime grain has an activation.</summary>
    private async Task<SiloAddress[]> SilosWithActivation(string runtimeId)
    {
        var grainId = GrainId.Create("runtime", runtimeId);
        var silos = _fleet.Cluster.GetActiveSilos().Select(s => s.SiloAddress).ToArray();
        var statistics = await _fleet.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(hostsIds: silos);
        return [.. statistics.Where(s => s.GrainId == grainId).Select(s => s.SiloAddress).Distinct()];
    }
}
