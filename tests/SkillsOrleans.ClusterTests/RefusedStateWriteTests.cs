using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Grains;
using SkillsOrleans.Grains.Accounts;
using SkillsOrleans.Testing;
using static SkillsOrleans.ClusterTests.FleetTestCluster;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// A grain whose state write the database refuses — and refuses the read that could undo it too — keeps nothing of
/// the change: it is not answered afterwards, and a later write does not carry it into storage.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RefusedStateWriteTests(PostgresFixture postgres) : IAsyncLifetime
{
    private FleetTestCluster _fleet = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _database = await postgres.CreateMigratedDatabaseAsync("refused-write");
        // Statements give up after 2 s, so a locked table fails the grain's write (and its read) well within a call.
        _fleet = await StartAsync(new NpgsqlConnectionStringBuilder(_database) { CommandTimeout = 2 }.ConnectionString);
    }

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task A_member_change_the_database_did_not_take_is_neither_answered_nor_saved_by_a_later_change()
    {
        var account = _fleet.Account(AccountOne);
        Assert.Null(await account.GetRoleAsync("acme-late"));

        await using (await TableLock.HoldAsync(_database, "orleansstorage"))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => account.SetMemberAsync("acme-late", MemberRole.Admin));
        }

        Assert.Null(await account.GetRoleAsync("acme-late"));
        await account.SetMemberAsync("acme-next", MemberRole.Member);

        var stored = await _fleet.ReadStoredAccountAsync(AccountOne);
        Assert.Contains("acme-next", stored.Members.Keys);
        Assert.DoesNotContain("acme-late", stored.Members.Keys);
        Assert.Null(await account.GetRoleAsync("acme-late"));
    }
}
