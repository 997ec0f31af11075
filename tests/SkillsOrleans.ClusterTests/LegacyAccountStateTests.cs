using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Grains;
using SkillsOrleans.Grains.Accounts;
using SkillsOrleans.Model.Skills;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// Accounts stored by earlier versions kept their credential index and every runtime's skill catalog inside the
/// account's own row. Activated now, such an account hands both to their new places and loses nothing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class LegacyAccountStateTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Account = "legacy-co";
    private const string Runtime = "legacy-rt";
    private static readonly DateTimeOffset Earlier = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private FleetTestCluster _fleet = null!;

    public async Task InitializeAsync() => _fleet = await FleetTestCluster.StartAsync(await postgres.CreateMigratedDatabaseAsync("legacy"));

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task An_account_written_the_old_way_keeps_its_credentials_and_catalogs_and_moves_them_out_of_its_row()
    {
        var credential = new CredentialSnapshot($"{Account}/{Runtime}/trello/TRELLO_TOKEN", CredentialStatus.Active, 3, "hmac-sha256:old", "main", "boards", Earlier, "legacy-owner", Earlier);
        var skills = new[] { Skill("trello"), Skill("notion") };
        await _fleet.Client.GetGrain<IRuntimeDirectoryGrain>(Runtime).BindAsync(Account);
        var storage = _fleet.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.State);
        var row = new GrainState<AccountState>(new AccountState
        {
            Exists = true,
            DisplayName = "Legacy",
            CreatedAt = Earlier,
            SkillsPocEnabled = true,
            Members = { ["legacy-owner"] = MemberRole.Owner },
            Runtimes = { [Runtime] = new RuntimeBinding(Runtime, Earlier, Earlier, "old-host") },
            Credentials = { [credential.CredentialRef] = credential },
            SkillCatalogs = { [Runtime] = new SkillCatalog(Runtime, Earlier, skills) },
        });
        await storage.WriteStateAsync("account", GrainId.Create("account", Account), row);

        var account = _fleet.Account(Account);
        Assert.Equal([credential], await account.ListCredentialsAsync(null));
        var catalog = Assert.Single(await _fleet.Client.ReadSkillCatalogsAsync(Account));
        Assert.Equal(["notion", "trello"], catalog.Skills.Select(s => s.SkillKey));
        Assert.Equal(MemberRole.Owner, await account.GetRoleAsync("legacy-owner"));

        var reread = await _fleet.ReadStoredAccountAsync(Account);
        Assert.Empty(reread.Credentials);
        Assert.Empty(reread.SkillCatalogs);
        Assert.Equal([Runtime], reread.Runtimes.Keys);
    }

    private static SkillManifest Skill(string key) =>
        new(key, key, key, "from an older version", null, null, null, new SkillRequirements(["TRELLO_TOKEN"], [], [], []), [], null, null);
}
