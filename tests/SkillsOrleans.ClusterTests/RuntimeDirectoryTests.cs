using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// The runtime directory (runtime → account, answered without the runtime's host) is kept in step by the account
/// grains and lives in PostgreSQL: it survives the whole cluster going down.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RuntimeDirectoryTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_move_between_accounts_is_recorded_once_and_survives_a_cluster_restart()
    {
        var database = await postgres.CreateMigratedDatabaseAsync("directory");
        var seeded = new Dictionary<string, string?> { ["Seed:Demo"] = "true" };
        DateTimeOffset boundAt;
        await using (var silo = await SiloProcessHost.StartAsync(database, "directory", seeded))
        {
            var demo = silo.Grains.GetGrain<IAccountGrain>("demo");
            var other = silo.Grains.GetGrain<IAccountGrain>("other");
            await demo.BindRuntimeAsync("rt-moving");
            await other.RegisterRuntimeAsync("rt-moving", "host-b");
            await demo.BindRuntimeAsync("rt-leaving");
            await demo.UnregisterRuntimeAsync("rt-leaving");

            Assert.DoesNotContain((await demo.GetAsync())!.Runtimes, r => r.RuntimeId == "rt-moving");
            boundAt = (await silo.Grains.GetGrain<IRuntimeDirectoryGrain>("rt-moving").GetAsync())!.BoundAt;
        }

        await using var restarted = await SiloProcessHost.StartAsync(database, "directory");
        var entry = await restarted.Grains.GetGrain<IRuntimeDirectoryGrain>("rt-moving").GetAsync();
        var binding = Assert.Single((await restarted.Grains.GetGrain<IAccountGrain>("other").GetAsync())!.Runtimes);

        Assert.Equal(new RuntimeDirectoryEntry("rt-moving", "other", boundAt), entry);
        Assert.Equal(("rt-moving", "host-b"), (binding.RuntimeId, binding.HostName));
        Assert.DoesNotContain((await restarted.Grains.GetGrain<IAccountGrain>("demo").GetAsync())!.Runtimes, r => r.RuntimeId == "rt-moving");
        Assert.Null(await restarted.Grains.GetGrain<IRuntimeDirectoryGrain>("rt-leaving").GetAsync());
    }
}
