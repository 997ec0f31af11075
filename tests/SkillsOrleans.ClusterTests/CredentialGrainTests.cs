using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;
using static SkillsOrleans.ClusterTests.FleetTestCluster;

namespace SkillsOrleans.ClusterTests;

/// <summary>The credential state machine as callers see it through the cluster, with state in PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CredentialGrainTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly CredentialRef WhisperKey = new(AccountOne, RuntimeOne, "openai-whisper-api", "OPENAI_API_KEY");
    private FleetTestCluster _fleet = null!;

    public async Task InitializeAsync() => _fleet = await StartAsync(await postgres.CreateMigratedDatabaseAsync("credentials"));

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task A_credential_walks_its_whole_life_and_the_account_index_follows()
    {
        var account = _fleet.Account(AccountOne);

        var created = await _fleet.Credentials(AccountOne).RequestCredentialAsync(WhisperKey, new CredentialRequest("main", "transcribe"));
        var twice = await _fleet.Credentials(AccountOne).RequestCredentialAsync(WhisperKey, new CredentialRequest("main", "transcribe"));
        Assert.Equal(RequestOutcome.Created, created.Outcome);
        Assert.Equal(RequestOutcome.AlreadyPending, twice.Outcome);
        Assert.Equal([WhisperKey.ToString()], (await account.ListCredentialsAsync(CredentialStatus.Pending)).Select(c => c.CredentialRef));

        var active = await _fleet.Credentials(AccountOne).ActivateCredentialAsync(WhisperKey, new CredentialActivation("acme-owner", "hmac-sha256:v1", 0));
        var rotated = await _fleet.Credentials(AccountOne).ActivateCredentialAsync(WhisperKey, new CredentialActivation("acme-owner", "hmac-sha256:v2", 1));
        Assert.Equal((CredentialStatus.Active, 2, "hmac-sha256:v2"), (rotated.Status, rotated.Version, rotated.Fingerprint));
        Assert.Equal(1, active.Version);
        Assert.Equal([rotated], await account.ListCredentialsAsync(CredentialStatus.Active));

        var revoked = await _fleet.Credentials(AccountOne).RevokeCredentialAsync(WhisperKey, new CredentialRevocation("acme-owner", 2));
        Assert.Equal(CredentialStatus.Revoked, revoked.Status);
        Assert.Empty(await account.ListCredentialsAsync(CredentialStatus.Active));

        var reopened = await _fleet.Credentials(AccountOne).RequestCredentialAsync(WhisperKey, new CredentialRequest("main", "again"));
        Assert.Equal(RequestOutcome.Reopened, reopened.Outcome);
        Assert.Equal(reopened.Credential, await _fleet.Credentials(AccountOne).GetCredentialAsync(WhisperKey));
    }

    [Fact]
    public async Task Refusals_reach_the_caller_as_typed_errors_with_their_details()
    {
        var account = _fleet.Account(AccountOne);
        await _fleet.Credentials(AccountOne).RequestCredentialAsync(WhisperKey, new CredentialRequest("main", null));
        await _fleet.Credentials(AccountOne).ActivateCredentialAsync(WhisperKey, new CredentialActivation("acme-owner", "hmac-sha256:v1", null));

        var stale = await Assert.ThrowsAsync<CredentialConflictException>(() =>
            _fleet.Credentials(AccountOne).ActivateCredentialAsync(WhisperKey, new CredentialActivation("acme-owner", "hmac-sha256:v2", 0)));
        var illegal = await Assert.ThrowsAsync<CredentialConflictException>(() =>
            _fleet.Credentials(AccountOne).ActivateCredentialAsync(new CredentialRef(AccountOne, RuntimeOne, "notion", "NOTION_API_KEY"), new CredentialActivation("acme-owner", "hmac-sha256:x", null)));

        Assert.Equal((CredentialConflictKind.VersionMismatch, CredentialStatus.Active, 1, WhisperKey.ToString()),
            (stale.Kind, stale.CurrentStatus, stale.CurrentVersion, stale.CredentialRef));
        Assert.Equal(CredentialConflictKind.IllegalTransition, illegal.Kind);
        Assert.Null(illegal.CurrentStatus);
    }

    [Fact]
    public async Task Concurrent_submissions_against_one_version_let_exactly_one_through()
    {
        var account = _fleet.Account(AccountOne);
        await _fleet.Credentials(AccountOne).RequestCredentialAsync(WhisperKey, new CredentialRequest("main", null));

        var attempts = Enumerable.Range(0, 16)
            .Select(i => Outcome(_fleet.Credentials(AccountOne).ActivateCredentialAsync(WhisperKey, new CredentialActivation("acme-owner", $"hmac-sha256:c{i}", 0))))
            .ToArray();
        var outcomes = await Task.WhenAll(attempts);

        var winner = Assert.Single(outcomes, o => o.Snapshot is not null).Snapshot!;
        Assert.All(outcomes.Where(o => o.Snapshot is null), o => Assert.Equal(CredentialConflictKind.VersionMismatch, o.Conflict!.Kind));
        Assert.Equal(1, winner.Version);
        Assert.Equal(winner, await _fleet.Credentials(AccountOne).GetCredentialAsync(WhisperKey));
    }

    private static async Task<(CredentialSnapshot? Snapshot, CredentialConflictException? Conflict)> Outcome(Task<CredentialSnapshot> submission)
    {
        try
        {
            return (await submission, null);
        }
        catch (CredentialConflictException conflict)
        {
            return (null, conflict);
        }
    }
}
