using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;
using static SkillsOrleans.ClusterTests.FleetTestCluster;

namespace SkillsOrleans.ClusterTests;

/// <summary>Account A can never read or change account B's credentials, whichever grain it goes through.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TenantIsolationTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly CredentialRef GlobexKey = new(AccountTwo, RuntimeTwo, "trello", "TRELLO_API_KEY");
    private FleetTestCluster _fleet = null!;
    private CredentialSnapshot _globexActive = null!;

    public async Task InitializeAsync()
    {
        _fleet = await StartAsync(await postgres.CreateMigratedDatabaseAsync("tenants"));
        var globex = _fleet.Account(AccountTwo);
        await _fleet.Credentials(AccountTwo).RequestCredentialAsync(GlobexKey, new CredentialRequest("main", "board access"));
        _globexActive = await _fleet.Credentials(AccountTwo).ActivateCredentialAsync(GlobexKey, new CredentialActivation("globex-owner", "hmac-sha256:globex1", 0));
    }

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task Another_account_cannot_read_the_credential_and_is_told_it_does_not_exist()
    {
        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() => _fleet.Credentials(AccountOne).GetCredentialAsync(GlobexKey));
        var unknown = await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            _fleet.Credentials(AccountTwo).GetCredentialAsync(new CredentialRef(AccountTwo, RuntimeTwo, "trello", "NEVER_REQUESTED")));

        // A foreign credential reads exactly like a missing one: same type, same kind, same wording.
        Assert.Equal(unknown.ResourceKind, error.ResourceKind);
        Assert.Equal(unknown.Message.Replace("NEVER_REQUESTED", "TRELLO_API_KEY", StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public async Task Another_account_cannot_revoke_activate_or_request_it()
    {
        var acme = _fleet.Account(AccountOne);

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => _fleet.Credentials(AccountOne).RevokeCredentialAsync(GlobexKey, new CredentialRevocation("acme-owner", null)));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => _fleet.Credentials(AccountOne).ActivateCredentialAsync(GlobexKey, new CredentialActivation("acme-owner", "hmac-sha256:evil", null)));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => _fleet.Credentials(AccountOne).RequestCredentialAsync(GlobexKey, new CredentialRequest("main", null)));

        Assert.Equal(_globexActive, await _fleet.Credentials(AccountTwo).GetCredentialAsync(GlobexKey));
    }

    [Fact]
    public async Task An_account_cannot_use_a_runtime_bound_to_another_account()
    {
        // The ref names acme, but the runtime belongs to globex: a secret for it would land on globex's host.
        var viaForeignRuntime = new CredentialRef(AccountOne, RuntimeTwo, "trello", "TRELLO_API_KEY");

        await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            _fleet.Credentials(AccountOne).RequestCredentialAsync(viaForeignRuntime, new CredentialRequest("main", null)));
        Assert.Empty(await _fleet.Account(AccountOne).ListCredentialsAsync(null));
    }

    [Fact]
    public async Task The_credential_grain_refuses_a_caller_acting_for_another_account()
    {
        var grain = _fleet.Client.GetGrain<ICredentialGrain>(GlobexKey.ToString());

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => grain.GetAsync(AccountOne));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => grain.RevokeAsync(AccountOne, new CredentialRevocation("acme-owner", null)));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => grain.ActivateAsync(AccountOne, new CredentialActivation("acme-owner", "hmac-sha256:evil", null)));

        Assert.Equal(_globexActive, await grain.GetAsync(AccountTwo));
    }

    [Fact]
    public async Task Listings_only_show_the_account_s_own_credentials()
    {
        var acmeKey = new CredentialRef(AccountOne, RuntimeOne, "notion", "NOTION_API_KEY");
        await _fleet.Credentials(AccountOne).RequestCredentialAsync(acmeKey, new CredentialRequest("main", null));

        var acme = await _fleet.Account(AccountOne).ListCredentialsAsync(null);
        var globex = await _fleet.Account(AccountTwo).ListCredentialsAsync(null);

        Assert.Equal([acmeKey.ToString()], acme.Select(c => c.CredentialRef));
        Assert.Equal([GlobexKey.ToString()], globex.Select(c => c.CredentialRef));
    }
}
