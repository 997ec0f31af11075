using Npgsql;
using Orleans.Runtime;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Hosting.Accounts;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// An account's credential index is a row per credential: a change writes its own credential's row and no other, a
/// new activation reads the rows back, and an older snapshot never replaces a newer one.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CredentialIndexRowsTests(PostgresFixture postgres) : IAsyncLifetime
{
    private FleetTestCluster _fleet = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _database = await postgres.CreateMigratedDatabaseAsync("index-rows");
        _fleet = await FleetTestCluster.StartAsync(_database);
    }

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    private Task<long> RowVersionAsync(CredentialRef credential) =>
        Sql.ScalarAsync<long>(_database, $"SELECT xmin::text::bigint FROM skillsorleans_credential_index WHERE credential_ref = '{credential}'");

    private Task<string> StoredStatusAsync(CredentialRef credential) =>
        Sql.ScalarAsync<string>(_database, $"SELECT snapshot ->> 'Status' FROM skillsorleans_credential_index WHERE credential_ref = '{credential}'");

    [Fact]
    public async Task A_change_rewrites_only_its_own_row_and_a_new_activation_lists_what_the_rows_hold()
    {
        var whisper = new CredentialRef(FleetTestCluster.AccountOne, FleetTestCluster.RuntimeOne, "openai-whisper-api", "OPENAI_API_KEY");
        var trello = new CredentialRef(FleetTestCluster.AccountOne, FleetTestCluster.RuntimeOne, "trello", "TRELLO_API_KEY");
        var credentials = _fleet.Credentials(FleetTestCluster.AccountOne);
        await credentials.RequestCredentialAsync(whisper, new CredentialRequest("main", "transcripts"));
        await credentials.RequestCredentialAsync(trello, new CredentialRequest("main", "boards"));
        Assert.Equal("Pending", await StoredStatusAsync(whisper));
        var trelloRow = await RowVersionAsync(trello);

        await credentials.SubmitCredentialAsync(whisper, new CredentialSubmission("acme-owner", 0, await _fleet.SealAsync(whisper, 1, "sk-index-rows")));
        Assert.Equal("Active", await StoredStatusAsync(whisper));
        Assert.Equal(trelloRow, await RowVersionAsync(trello)); // the other credential's row was not written
        Assert.Equal(2L, await Sql.ScalarAsync<long>(_database,
            $"SELECT count(*) FROM skillsorleans_credential_index WHERE account_id = '{FleetTestCluster.AccountOne}'"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(_database,
            "SELECT count(*) FROM orleansstorage WHERE graintypestring = 'credential-index' AND payloadbinary IS NOT NULL"));
        Assert.DoesNotContain("sk-index-rows", await Sql.ScalarAsync<string>(_database,
            "SELECT coalesce(string_agg(snapshot::text, ''), '') FROM skillsorleans_credential_index"));

        var listed = await _fleet.Account(FleetTestCluster.AccountOne).ListCredentialsAsync(null);
        await _fleet.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero); // the next call activates anew
        Assert.Equal(listed, await _fleet.Account(FleetTestCluster.AccountOne).ListCredentialsAsync(null));
        Assert.Equal([CredentialStatus.Active, CredentialStatus.Pending], listed.Select(c => c.Status));
    }

    [Fact]
    public async Task The_store_keeps_the_newest_snapshot_of_a_credential_and_reads_it_back_exactly()
    {
        var at = new DateTimeOffset(2026, 12, 1, 9, 30, 15, TimeSpan.Zero).AddTicks(1234567); // a 100 ns part PostgreSQL's timestamps drop
        var pending = new CredentialSnapshot("store-co/store-rt/trello/TRELLO_TOKEN", CredentialStatus.Pending, 0, null, "main", "boards", at, null, at);
        var active = pending with { Status = CredentialStatus.Active, Version = 1, Fingerprint = "hmac-sha256:abc", UpdatedBy = "owner", UpdatedAt = at.AddSeconds(1) };
        await using var dataSource = NpgsqlDataSource.Create(_database);
        var store = new PostgresCredentialIndexStore(dataSource);

        await store.WriteAsync("store-co", [active], CancellationToken.None);
        await store.WriteAsync("store-co", [pending], CancellationToken.None); // older: changes nothing
        Assert.Equal([active], await store.ReadAsync("store-co", CancellationToken.None));

        var revoked = active with { Status = CredentialStatus.Revoked, UpdatedAt = at.AddSeconds(2) };
        await store.WriteAsync("store-co", [revoked], CancellationToken.None);
        Assert.Equal([revoked], await store.ReadAsync("store-co", CancellationToken.None));
        Assert.Empty(await store.ReadAsync("other-co", CancellationToken.None));

        // A row is bound to its account: another account's id cannot carry it.
        var refused = await Assert.ThrowsAsync<PostgresException>(() => store.WriteAsync("other-co", [revoked], CancellationToken.None));
        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
    }
}
