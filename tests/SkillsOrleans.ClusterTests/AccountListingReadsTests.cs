using Orleans.Runtime;
using SkillsOrleans.Api.Listings;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;
using static SkillsOrleans.ClusterTests.FleetTestCluster;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// The API's listing reads keep the last credential index and catalog they read and reuse them only while the grain
/// says nothing changed: a change, or a new activation of the grain, is read afresh.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AccountListingReadsTests(PostgresFixture postgres) : IAsyncLifetime
{
    private FleetTestCluster _fleet = null!;
    private AccountListingReads _reads = null!;

    public async Task InitializeAsync()
    {
        _fleet = await StartAsync(await postgres.CreateMigratedDatabaseAsync("listing-reads"));
        _reads = new AccountListingReads(_fleet.Client);
    }

    public async Task DisposeAsync()
    {
        _reads.Dispose();
        await _fleet.DisposeAsync();
    }

    private Task DeactivateIdleGrainsAsync() => _fleet.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    [Fact]
    public async Task An_unchanged_index_is_reused_and_a_changed_or_reactivated_one_is_read_again()
    {
        var whisper = new CredentialRef(AccountOne, RuntimeOne, "openai-whisper-api", "OPENAI_API_KEY");
        await _fleet.Credentials(AccountOne).RequestCredentialAsync(whisper, new CredentialRequest("main", "first"));
        var first = await _reads.CredentialsAsync(AccountOne);
        Assert.Same(first, await _reads.CredentialsAsync(AccountOne));

        var trello = new CredentialRef(AccountOne, RuntimeOne, "trello", "TRELLO_API_KEY");
        await _fleet.Credentials(AccountOne).RequestCredentialAsync(trello, new CredentialRequest("main", "second"));
        var changed = await _reads.CredentialsAsync(AccountOne);
        Assert.Equal([whisper.ToString(), trello.ToString()], changed.Select(c => c.CredentialRef));

        await DeactivateIdleGrainsAsync();
        var reactivated = await _reads.CredentialsAsync(AccountOne);
        Assert.NotSame(changed, reactivated);
        Assert.Equal(changed, reactivated);
        Assert.Same(reactivated, await _reads.CredentialsAsync(AccountOne));
    }

    [Fact]
    public async Task An_unchanged_catalog_is_reused_and_a_published_change_is_read_again()
    {
        var skills = Path.Combine(_fleet.Workspace(RuntimeOne), "skills");
        WriteSkill(skills, "alpha");
        var first = await Eventually.ValueAsync(
            async () => await _reads.CatalogsAsync(AccountOne, [RuntimeOne]),
            catalogs => catalogs.SingleOrDefault()?.Skills.Any(s => s.SkillKey == "alpha") == true);
        Assert.Same(first.Single(), (await _reads.CatalogsAsync(AccountOne, [RuntimeOne])).Single());

        WriteSkill(skills, "beta");
        var changed = await Eventually.ValueAsync(
            async () => await _reads.CatalogsAsync(AccountOne, [RuntimeOne]),
            catalogs => catalogs.Single().Skills.Any(s => s.SkillKey == "beta"));
        Assert.Contains("alpha", changed.Single().Skills.Select(s => s.SkillKey));

        // Another account's read of the same runtime gets nothing, whatever this account's reads hold.
        Assert.Empty(await _reads.CatalogsAsync(AccountTwo, [RuntimeOne]));
        Assert.Null(await _fleet.Client.GetGrain<IRuntimeCatalogGrain>(RuntimeOne).GetAsync(AccountTwo));
    }

    private static void WriteSkill(string skills, string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(skills, name));
        File.WriteAllText(Path.Combine(folder.FullName, "SKILL.md"), $"---\nname: {name}\ndescription: d\n---\n");
    }
}
