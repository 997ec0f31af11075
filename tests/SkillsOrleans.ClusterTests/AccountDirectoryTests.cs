using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Grains;
using SkillsOrleans.Grains.Accounts;
using SkillsOrleans.Model;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// The account directory the platform's account list reads: each account grain keeps its row in step with its state,
/// writes nothing when nothing it lists changed, repairs a row it could not write, and accounts stored before the
/// directory existed get their rows from their grain state (the migration).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AccountDirectoryTests(PostgresFixture postgres) : IAsyncLifetime
{
    private FleetTestCluster _fleet = null!;
    private string _database = null!;

    private IAccountDirectory Directory => _fleet.Silo("Silo_0").ServiceProvider.GetRequiredService<IAccountDirectory>();

    public async Task InitializeAsync()
    {
        _database = await postgres.CreateMigratedDatabaseAsync("directory");
        _fleet = await FleetTestCluster.StartAsync(_database);
    }

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    private async Task<AccountSummary?> ListedAsync(string accountId) =>
        (await Directory.ReadPageAsync(null, 1000, CancellationToken.None)).Accounts.SingleOrDefault(a => a.AccountId == accountId);

    private Task<long> RowVersionAsync(string accountId) =>
        Sql.ScalarAsync<long>(_database, $"SELECT xmin::text::bigint FROM skillsorleans_account WHERE account_id = '{accountId}'");

    /// <summary>Writes the account's index as one 'credential-index' state row, which migrations 0014 and 0016 read.</summary>
    private async Task StoreIndexAsBeforeAsync(string accountId)
    {
        var entries = await _fleet.Account(accountId).ListCredentialsAsync(null);
        var row = new GrainState<CredentialIndexState>(new CredentialIndexState
        {
            Credentials = entries.ToDictionary(c => c.CredentialRef, StringComparer.Ordinal),
        });
        var storage = _fleet.Silo("Silo_0").ServiceProvider.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.State);
        await storage.WriteStateAsync("credential-index", GrainId.Create("account", accountId), row);
    }

    [Fact]
    public async Task The_row_follows_creation_members_settings_and_runtimes_and_an_unchanged_account_writes_nothing()
    {
        var account = _fleet.Account("listed");
        var created = await account.CreateAsync(new AccountCreation("Listed Inc", "listed-owner", SkillsPocEnabled: false));
        Assert.Equal(AccountSummary.Of(created, keysWaiting: 0), await ListedAsync("listed"));

        await account.SetMemberAsync("listed-admin", MemberRole.Admin);
        await account.SetSkillsPocEnabledAsync(true);
        await account.BindRuntimeAsync("listed-rt-1");
        Assert.Equal(AccountSummary.Of(created, keysWaiting: 0) with { SkillsPocEnabled = true, Members = 2, Runtimes = 1 }, await ListedAsync("listed"));

        var version = await RowVersionAsync("listed");
        await account.SetMemberAsync("listed-admin", MemberRole.Member); // a role is not listed: same counts
        await _fleet.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero); // the next call activates anew
        Assert.NotNull(await account.GetAsync());
        Assert.Equal(version, await RowVersionAsync("listed"));

        await account.RemoveMemberAsync("listed-admin");
        Assert.Equal(1, (await ListedAsync("listed"))!.Members);
    }

    [Fact]
    public async Task A_row_that_cannot_be_written_is_retried_while_the_change_itself_succeeds()
    {
        var account = _fleet.Account("retried");
        await account.CreateAsync(new AccountCreation("Retried", "retried-owner", SkillsPocEnabled: true));

        await Sql.ExecuteAsync(_database, "ALTER TABLE skillsorleans_account RENAME TO skillsorleans_account_away");
        try
        {
            var changed = await account.SetMemberAsync("retried-member", MemberRole.Member);
            Assert.Equal(2, changed.Members.Count);
        }
        finally
        {
            await Sql.ExecuteAsync(_database, "ALTER TABLE skillsorleans_account_away RENAME TO skillsorleans_account");
        }

        Assert.Equal(1, (await ListedAsync("retried"))!.Members);
        await Eventually.TrueAsync(async () => (await ListedAsync("retried"))?.Members == 2, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task The_migration_lists_accounts_from_their_stored_state_and_leaves_listed_ones_alone()
    {
        var first = await _fleet.Account("stored-1").CreateAsync(new AccountCreation("Stored One", "stored-owner", SkillsPocEnabled: true));
        await _fleet.Account("stored-1").SetMemberAsync("stored-admin", MemberRole.Admin);
        await _fleet.Account("stored-1").BindRuntimeAsync("stored-rt-1");
        await _fleet.Account("stored-1").BindRuntimeAsync("stored-rt-2");
        await _fleet.Account("stored-2").CreateAsync(new AccountCreation("Stored \"Two\" ✓", "stored-owner", SkillsPocEnabled: false));
        var listed = (await Directory.ReadPageAsync(null, 1000, CancellationToken.None)).Accounts.Where(a => a.AccountId.StartsWith("stored-", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, listed.Count);
        Assert.Equal(AccountSummary.Of(first, keysWaiting: 0) with { Members = 2, Runtimes = 2 }, listed[0]);

        // As before the directory existed: the grain state is all there is.
        await Sql.ExecuteAsync(_database, "DELETE FROM skillsorleans_account WHERE account_id LIKE 'stored-%'");
        await Sql.ExecuteAsync(_database, "UPDATE skillsorleans_account SET display_name = 'kept' WHERE account_id = 'acme'");
        await Sql.ExecuteAsync(_database, MigrationScripts.Read("0012_account_directory.sql"));

        var restored = (await Directory.ReadPageAsync(null, 1000, CancellationToken.None)).Accounts.Where(a => a.AccountId.StartsWith("stored-", StringComparison.Ordinal)).ToList();
        Assert.Equal(listed, restored);
        Assert.Equal("kept", (await ListedAsync("acme"))?.DisplayName);
    }

    [Fact]
    public async Task Keys_waiting_follow_requests_and_deliveries_and_the_migration_counts_them_from_the_index()
    {
        var whisper = new CredentialRef(FleetTestCluster.AccountOne, FleetTestCluster.RuntimeOne, "openai-whisper-api", "OPENAI_API_KEY");
        var trello = new CredentialRef(FleetTestCluster.AccountOne, FleetTestCluster.RuntimeOne, "trello", "TRELLO_API_KEY");
        var credentials = _fleet.Credentials(FleetTestCluster.AccountOne);
        await credentials.RequestCredentialAsync(whisper, new CredentialRequest("main", "transcripts"));
        await credentials.RequestCredentialAsync(trello, new CredentialRequest("main", "boards"));
        Assert.Equal(2, (await ListedAsync(FleetTestCluster.AccountOne))!.KeysWaiting);

        await credentials.SubmitCredentialAsync(whisper, new CredentialSubmission("acme-owner", 0, await _fleet.SealAsync(whisper, 1, "sk-waiting")));
        Assert.Equal(1, (await ListedAsync(FleetTestCluster.AccountOne))!.KeysWaiting);
        var accounts = (await Directory.ReadPageAsync(null, 1000, CancellationToken.None)).Accounts;
        Assert.Equal(
            new AccountTally(accounts.Count, accounts.Sum(a => a.KeysWaiting), accounts.Min(a => a.OldestKeyWaitingSince)),
            await Directory.TallyAsync(CancellationToken.None));
        Assert.Equal(1, accounts.Sum(a => a.KeysWaiting));

        // As before the column existed: the index stored the way of that release is all there is.
        await StoreIndexAsBeforeAsync(FleetTestCluster.AccountOne);
        await Sql.ExecuteAsync(_database, "UPDATE skillsorleans_account SET keys_waiting = 0");
        await Sql.ExecuteAsync(_database, MigrationScripts.Read("0014_account_keys_waiting.sql"));
        Assert.Equal(1, (await ListedAsync(FleetTestCluster.AccountOne))!.KeysWaiting);
    }

    [Fact]
    public async Task The_oldest_waiting_request_is_listed_and_tallied_and_the_migration_finds_it_in_the_index()
    {
        var whisper = new CredentialRef(FleetTestCluster.AccountOne, FleetTestCluster.RuntimeOne, "openai-whisper-api", "OPENAI_API_KEY");
        var trello = new CredentialRef(FleetTestCluster.AccountOne, FleetTestCluster.RuntimeOne, "trello", "TRELLO_API_KEY");
        var credentials = _fleet.Credentials(FleetTestCluster.AccountOne);
        Assert.Null((await ListedAsync(FleetTestCluster.AccountOne))!.OldestKeyWaitingSince);
        await credentials.RequestCredentialAsync(whisper, new CredentialRequest("main", "transcripts"));
        await credentials.RequestCredentialAsync(trello, new CredentialRequest("main", "boards"));
        var whisperAsked = (await credentials.GetCredentialAsync(whisper))!.RequestedAt;
        var trelloAsked = (await credentials.GetCredentialAsync(trello))!.RequestedAt;
        Assert.True(whisperAsked < trelloAsked);

        Assert.Equal(whisperAsked.ToMicroseconds(), (await ListedAsync(FleetTestCluster.AccountOne))!.OldestKeyWaitingSince);
        Assert.Equal(whisperAsked.ToMicroseconds(), (await Directory.TallyAsync(CancellationToken.None)).OldestKeyWaitingSince);

        // Given a value, the whisper key waits no more: trello's request is now the oldest.
        await credentials.SubmitCredentialAsync(whisper, new CredentialSubmission("acme-owner", 0, await _fleet.SealAsync(whisper, 1, "sk-oldest")));
        Assert.Equal(trelloAsked.ToMicroseconds(), (await ListedAsync(FleetTestCluster.AccountOne))!.OldestKeyWaitingSince);

        // As before the column existed: the index stored the way of that release is all there is.
        await StoreIndexAsBeforeAsync(FleetTestCluster.AccountOne);
        await Sql.ExecuteAsync(_database, "UPDATE skillsorleans_account SET oldest_key_waiting_since = NULL");
        await Sql.ExecuteAsync(_database, MigrationScripts.Read("0016_account_oldest_key_waiting.sql"));
        Assert.Equal(trelloAsked.ToMicroseconds(), (await ListedAsync(FleetTestCluster.AccountOne))!.OldestKeyWaitingSince);
    }

    [Fact]
    public async Task Pages_follow_one_another_in_id_order_without_gaps_or_repeats()
    {
        var ids = Enumerable.Range(0, 7).Select(i => $"paged-{i}").ToList();
        foreach (var id in ids.AsEnumerable().Reverse())
        {
            await _fleet.Account(id).CreateAsync(new AccountCreation(id, "paged-owner", SkillsPocEnabled: false));
        }

        var seen = new List<string>();
        string? after = "paged-"; // sorts before every paged id and after every other one here
        do
        {
            var page = await Directory.ReadPageAsync(after, 3, CancellationToken.None);
            Assert.True(page.Accounts.Count <= 3);
            seen.AddRange(page.Accounts.Select(a => a.AccountId));
            after = page.NextAfter;
        }
        while (after is not null);

        Assert.Equal(ids, seen);
    }
}
