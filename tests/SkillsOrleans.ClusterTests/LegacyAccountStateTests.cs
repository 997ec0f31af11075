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
/// account's own row, and later the index in one state row of its own. Activated now, such an account hands each to
/// its new place and loses nothing.
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

    [Fact]
    public async Task An_index_stored_as_one_state_row_moves_to_its_rows_keeping_the_newest_of_each_credential()
    {
        const string account = "legacy-index-co";
        var older = new CredentialSnapshot($"{account}/{Runtime}/trello/TRELLO_TOKEN", CredentialStatus.Pending, 0, null, "main", "boards", Earlier, null, Earlier);
        var newer = older with { Status = CredentialStatus.Active, Version = 2, Fingerprint = "hmac-sha256:newer", UpdatedBy = "legacy-owner", UpdatedAt = Earlier.AddHours(1) };
        var other = new CredentialSnapshot($"{account}/{Runtime}/notion/NOTION_KEY", CredentialStatus.Pending, 0, null, "main", "pages", Earlier, null, Earlier);
        var storage = _fleet.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.State);
        var id = GrainId.Create("account", account);
        await storage.WriteStateAsync("account", id, new GrainState<AccountState>(new AccountState
        {
            Exists = true,
            DisplayName = "Legacy index",
            CreatedAt = Earlier,
            Members = { ["legacy-owner"] = MemberRole.Owner },
            Credentials = { [older.CredentialRef] = older }, // the oldest layout, not moved yet
        }));
        await storage.WriteStateAsync("credential-index", id, new GrainState<CredentialIndexState>(new CredentialIndexState
        {
            Credentials = { [newer.CredentialRef] = newer, [other.CredentialRef] = other },
        }));

        Assert.Equal([other, newer], await _fleet.Account(account).ListCredentialsAsync(null));

        var legacy = new GrainState<CredentialIndexState>(new CredentialIndexState());
        await storage.ReadStateAsync("credential-index", id, legacy);
        Assert.Empty(legacy.State?.Credentials ?? []);
        Assert.Empty((await _fleet.ReadStoredAccountAsync(account)).Credentials);
        var stored = await _fleet.Silo("Silo_0").ServiceProvider.GetRequiredService<ICredentialIndexStore>().ReadAsync(account, CancellationToken.None);
        Assert.Equal([other, newer], stored.OrderBy(c => c.CredentialRef, StringComparer.Ordinal));
    }

    private static SkillManifest Skill(string key) =>
        new(key, key, key, "from an older version", null, null, null, new SkillRequirements(["TRELLO_TOKEN"], [], [], []), [], null, null);
}
