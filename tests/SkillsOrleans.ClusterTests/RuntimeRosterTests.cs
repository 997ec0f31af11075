using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SkillsOrleans.Contracts.Fleet;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// The runtime roster the fleet view pages through: each runtime's directory grain keeps its row in step with its
/// binding and writes nothing when a host registers again unchanged, and runtimes the fleet index listed before the
/// roster existed get their rows from its stored state (the migration).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RuntimeRosterTests(PostgresFixture postgres) : IAsyncLifetime
{
    private FleetTestCluster _fleet = null!;
    private string _database = null!;

    private IRuntimeRoster Roster => _fleet.Silo("Silo_0").ServiceProvider.GetRequiredService<IRuntimeRoster>();

    public async Task InitializeAsync()
    {
        _database = await postgres.CreateMigratedDatabaseAsync("roster");
        _fleet = await FleetTestCluster.StartAsync(_database);
    }

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    private async Task<IReadOnlyList<FleetIndexRuntime>> ListedAsync(string prefix) =>
        [.. (await Roster.ReadPageAsync(null, 1000, CancellationToken.None)).Runtimes.Where(r => r.RuntimeId.StartsWith(prefix, StringComparison.Ordinal))];

    private Task<long> RowVersionAsync(string runtimeId) =>
        Sql.ScalarAsync<long>(_database, $"SELECT xmin::text::bigint FROM skillsorleans_runtime WHERE runtime_id = '{runtimeId}'");

    [Fact]
    public async Task The_row_follows_binding_moving_and_unbinding_and_a_repeated_binding_writes_nothing()
    {
        var acme = _fleet.Account(FleetTestCluster.AccountOne);
        var globex = _fleet.Account(FleetTestCluster.AccountTwo);
        await acme.BindRuntimeAsync("roster-rt-1");
        Assert.Equal([new FleetIndexRuntime("roster-rt-1", FleetTestCluster.AccountOne)], await ListedAsync("roster-"));

        var version = await RowVersionAsync("roster-rt-1");
        await acme.BindRuntimeAsync("roster-rt-1"); // as a host registering at its start
        Assert.Equal(version, await RowVersionAsync("roster-rt-1"));

        await globex.BindRuntimeAsync("roster-rt-1");
        Assert.Equal([new FleetIndexRuntime("roster-rt-1", FleetTestCluster.AccountTwo)], await ListedAsync("roster-"));

        await acme.UnregisterRuntimeAsync("roster-rt-1"); // no longer acme's: the row stays globex's
        Assert.Equal([new FleetIndexRuntime("roster-rt-1", FleetTestCluster.AccountTwo)], await ListedAsync("roster-"));

        await globex.UnregisterRuntimeAsync("roster-rt-1");
        Assert.Equal([new FleetIndexRuntime("roster-rt-1", null)], await ListedAsync("roster-"));
    }

    [Fact]
    public async Task The_migration_lists_runtimes_from_the_fleet_index_state_and_leaves_listed_ones_alone()
    {
        // As the fleet index stored its list before the roster existed (System.Text.Json, with reference metadata).
        var state = """{"$id":"1","Accounts":{"$id":"2","$values":["acme"]},"Runtimes":{"$id":"3","legacy-rt-1":"acme","legacy-rt-2":null,"legacy-rt-3":"globex"}}""";
        await Sql.ExecuteAsync(_database,
            "INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid, payloadbinary, modifiedon, version) " +
            $"VALUES (1, 0, 0, 1, 'fleet-index', 'fleet', 'legacy', decode('{Convert.ToHexString(Encoding.UTF8.GetBytes(state))}', 'hex'), now(), 1)");
        await Sql.ExecuteAsync(_database, "INSERT INTO skillsorleans_runtime (runtime_id, account_id) VALUES ('legacy-rt-3', 'acme')");

        await Sql.ExecuteAsync(_database, MigrationScripts.Read("0013_runtime_roster.sql"));

        Assert.Equal(
            [new FleetIndexRuntime("legacy-rt-1", "acme"), new FleetIndexRuntime("legacy-rt-2", null), new FleetIndexRuntime("legacy-rt-3", "acme")],
            await ListedAsync("legacy-"));
    }

    [Fact]
    public async Task Pages_follow_one_another_in_id_order_without_gaps_or_repeats()
    {
        var ids = Enumerable.Range(0, 7).Select(i => $"paged-rt-{i}").ToList();
        foreach (var id in ids.AsEnumerable().Reverse())
        {
            await _fleet.Account(FleetTestCluster.AccountOne).BindRuntimeAsync(id);
        }

        var seen = new List<string>();
        string? after = "paged-rt-"; // sorts before every paged id
        do
        {
            var page = await Roster.ReadPageAsync(after, 3, CancellationToken.None);
            Assert.True(page.Runtimes.Count <= 3);
            seen.AddRange(page.Runtimes.Select(r => r.RuntimeId));
            after = page.NextAfter;
        }
        while (after is not null);

        Assert.Equal(ids, seen.Where(id => id.StartsWith("paged-rt-", StringComparison.Ordinal)));
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.Equal(seen.Distinct(), seen);
    }
}
