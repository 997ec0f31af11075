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
        Assert.Equal([whisper.ToString(), trello.ToString()], changed.Value.Select(c => c.CredentialRef));
        Assert.NotEqual(first.Tag, changed.Tag);

        await DeactivateIdleGrainsAsync();
        var reactivated = await _reads.CredentialsAsync(AccountOne);
        Assert.NotSame(changed.Value, reactivated.Value);
        Assert.NotEqual(changed.Tag, reactivated.Tag);
        Assert.Equal(changed.Value, reactivated.Value);
        Assert.Same(reactivated, await _reads.CredentialsAsync(AccountOne));
    }

    [Fact]
    public async Task An_unchanged_catalog_is_reused_and_a_published_change_is_read_again()
    {
        var skills = Path.Combine(_fleet.Workspace(RuntimeOne), "skills");
        WriteSkill(skills, "alpha");
        var first = await Eventually.ValueAsync(
            async () => await _reads.CatalogsAsync(AccountOne, [RuntimeOne]),
            catalogs => catalogs.Value.SingleOrDefault()?.Skills.Any(s => s.SkillKey == "alpha") == true);
        var again = await _reads.CatalogsAsync(AccountOne, [RuntimeOne]);
        Assert.Same(first.Value.Single(), again.Value.Single());
        Assert.Equal(first.Tag, again.Tag);

        WriteSkill(skills, "beta");
        var changed = await Eventually.ValueAsync(
            async () => await _reads.CatalogsAsync(AccountOne, [RuntimeOne]),
            catalogs => catalogs.Value.Single().Skills.Any(s => s.SkillKey == "beta"));
        Assert.Contains("alpha", changed.Value.Single().Skills.Select(s => s.SkillKey));
        Assert.NotEqual(first.Tag, changed.Tag);

        // Another account's read of the same runtime gets nothing, whatever this account's reads hold.
        Assert.Empty((await _reads.CatalogsAsync(AccountTwo, [RuntimeOne])).Value);
        Assert.Null(await _fleet.Client.GetGrain<IRuntimeCatalogGrain>(RuntimeOne).GetAsync(AccountTwo));
    }

    private static void WriteSkill(string skills, string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(skills, name));
        File.WriteAllText(Path.Combine(folder.FullName, "SKILL.md"), $"---\nname: {name}\ndescription: d\n---\n");
    }

    [Fact]
    public void A_derived_listing_is_built_once_per_tag()
    {
        var builds = 0;
        string[] Build() => [$"build {++builds}"];

        var first = _reads.Derived("listing", "tag-1", Build, l => l.Length);
        Assert.Same(first, _reads.Derived("listing", "tag-1", Build, l => l.Length));
        var rebuilt = _reads.Derived("listing", "tag-2", Build, l => l.Length);

        Assert.Equal(["build 1"], first);
        Assert.Equal(["build 2"], rebuilt);
        Assert.Equal(2, builds);
    }
}
