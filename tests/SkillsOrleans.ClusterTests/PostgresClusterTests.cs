using Npgsql;
using Orleans.Storage;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// Silos built exactly as the silo executable builds them, with membership, grain state and reminders in a
/// real PostgreSQL database that the schema migrator prepared.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresClusterTests(PostgresFixture postgres)
{
    private const string Account = "acme";
    private const string Runtime = "acme-rt-1";
    private static readonly CredentialRef TrelloKey = new(Account, Runtime, "trello", "TRELLO_TOKEN");

    private static Dictionary<string, string?> RuntimeHost(string workspace) => new()
    {
        ["RUNTIME_ID"] = Runtime,
        ["RUNTIME_ACCOUNT"] = Account,
        ["OPENCLAW_WORKSPACE_DIR"] = workspace,
        ["OPENCLAW_STATE_DIR"] = workspace + "-state",
        ["RECONCILE_INTERVAL"] = "off", // a delivery is recorded by hand below, with a fingerprint the host does not hold
    };

    [Fact]
    public async Task A_silo_starts_on_a_fresh_database_and_its_state_survives_a_full_cluster_restart()
    {
        var database = await postgres.CreateMigratedDatabaseAsync("restart");
        var workspace = Directory.CreateTempSubdirectory("skillsorleans-ws-").FullName;
        Directory.CreateDirectory(Path.Combine(workspace, "skills", "trello"));
        File.WriteAllText(Path.Combine(workspace, "skills", "trello", "SKILL.md"),
            "---\nname: trello\ndescription: boards\nmetadata: { \"openclaw\": { \"requires\": { \"env\": [\"TRELLO_TOKEN\"] } } }\n---\n");
        CredentialSnapshot before;
        IReadOnlyList<SkillCatalog> catalogs;
        await using (var core = await SiloProcessHost.StartAsync(database, "restart"))
        await using (var silo = await SiloProcessHost.StartAsync(database, "restart", RuntimeHost(workspace)))
        {
            // Tenant grains live on the core silo (a runtime silo hosts only its runtime grain).
            var account = core.Grains.GetGrain<IAccountGrain>(Account);
            await account.CreateAsync(new AccountCreation("Acme", "acme-owner", SkillsPocEnabled: true));
            await account.SetMemberAsync("acme-admin", MemberRole.Admin);
            await WaitForRuntimeAsync(account);
            await new TenantCredentials(core.Grains, Account).RequestCredentialAsync(TrelloKey, new CredentialRequest("main", "boards"));
            before = await new TenantCredentials(core.Grains, Account).ActivateCredentialAsync(TrelloKey, new CredentialActivation("acme-admin", "hmac-sha256:t1", 0));
            catalogs = await Eventually.ValueAsync(() => core.Grains.ReadSkillCatalogsAsync(Account), c => c.Count == 1 && c[0].Skills.Count == 1);
        }

        // Nothing of the first cluster is alive now: every answer below comes from PostgreSQL.
        await using var restarted = await SiloProcessHost.StartAsync(database, "restart");
        var reread = restarted.Grains.GetGrain<IAccountGrain>(Account);

        Assert.Equal(before, await new TenantCredentials(restarted.Grains, Account).GetCredentialAsync(TrelloKey));
        Assert.Equal([before], await reread.ListCredentialsAsync(null));
        Assert.Equal(MemberRole.Admin, await reread.GetRoleAsync("acme-admin"));
        Assert.Contains(Runtime, (await reread.GetAsync())!.Runtimes.Select(r => r.RuntimeId));
        var catalog = Assert.Single(await restarted.Grains.ReadSkillCatalogsAsync(Account));
        Assert.Equal(catalogs[0].ScannedAt, catalog.ScannedAt);
        Assert.Equal(["TRELLO_TOKEN"], Assert.Single(catalog.Skills).Requires.Env);
    }

    [Fact]
    public async Task A_second_silo_joins_the_cluster_through_the_membership_table()
    {
        var database = await postgres.CreateMigratedDatabaseAsync("join");
        await using var core = await SiloProcessHost.StartAsync(database, "join");
        await core.Grains.GetGrain<IAccountGrain>(Account).CreateAsync(new AccountCreation("Acme", "acme-owner", SkillsPocEnabled: true));

        await using var runtimeHost = await SiloProcessHost.StartAsync(database, "join", RuntimeHost(Directory.CreateTempSubdirectory("skillsorleans-ws-").FullName));
        await using var client = await ClusterClientHost.ConnectAsync(database, "join");

        var hosts = await Eventually.ValueAsync(
            () => client.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true),
            h => h.Count == 2);
        Assert.Equal(new[] { core.Address, runtimeHost.Address }.Order(), hosts.Keys.Order());
        Assert.Equal(2, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = 'join' AND status = 3"));

        // Called from the core silo, the runtime grain still lands on the runtime host.
        var status = await core.Grains.GetGrain<IRuntimeGrain>(Runtime).GetStatusAsync();
        Assert.Equal(runtimeHost.Address.ToString(), status.HostSilo);
    }

    [Fact]
    public async Task Two_activations_of_one_grain_cannot_both_write_so_no_update_is_lost()
    {
        // Two clusters over one database stand in for a split brain: each has its own activation of account "acme".
        var database = await postgres.CreateMigratedDatabaseAsync("split");
        await using var left = await SiloProcessHost.StartAsync(database, "left");
        await using var right = await SiloProcessHost.StartAsync(database, "right");
        var leftAccount = left.Grains.GetGrain<IAccountGrain>(Account);
        var rightAccount = right.Grains.GetGrain<IAccountGrain>(Account);
        Assert.Null(await rightAccount.GetAsync()); // right's activation has read "no account yet"

        await leftAccount.CreateAsync(new AccountCreation("Acme", "acme-owner", SkillsPocEnabled: true));
        await leftAccount.SetMemberAsync("left-admin", MemberRole.Admin);
        var conflict = await Record.ExceptionAsync(() => rightAccount.CreateAsync(new AccountCreation("Acme", "right-owner", SkillsPocEnabled: true)));

        Assert.IsType<InconsistentStateException>(conflict);
        var snapshot = await rightAccount.GetAsync(); // the stale activation is gone; a fresh one reads what left wrote
        Assert.NotNull(snapshot);
        Assert.Equal(MemberRole.Admin, snapshot.Members["left-admin"]);
        Assert.DoesNotContain("right-owner", snapshot.Members.Keys);
    }

    private static async Task WaitForRuntimeAsync(IAccountGrain account) =>
        await Eventually.ValueAsync(account.GetAsync, a => a?.Runtimes.Any(r => r.RuntimeId == Runtime) == true);
}
