using Microsoft.Extensions.DependencyInjection;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Audit;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;
using static SkillsOrleans.ClusterTests.FleetTestCluster;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// The audit trail as the grains write it: every request, submission, rotation, revocation and refusal is a row in
/// PostgreSQL, and a change whose row the database will not take is not made — on the host or in the cluster.
/// The database is made to refuse rows with a trigger, the way a real constraint or privilege failure would.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CredentialAuditTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly CredentialRef WhisperKey = new(AccountOne, RuntimeOne, "openai-whisper-api", "OPENAI_API_KEY");
    private string _database = null!;
    private FleetTestCluster _fleet = null!;

    private IAccountGrain Acme => _fleet.Account(AccountOne);

    private TenantCredentials AcmeCredentials => _fleet.Credentials(AccountOne);

    public async Task InitializeAsync()
    {
        _database = await postgres.CreateMigratedDatabaseAsync("credaudit");
        _fleet = await StartAsync(_database);
        await AcmeCredentials.RequestCredentialAsync(WhisperKey, new CredentialRequest("main", "transcripts"));
    }

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task Each_step_of_a_credential_is_a_row_with_who_what_version_fingerprint_and_outcome()
    {
        var first = await AcmeCredentials.SubmitCredentialAsync(WhisperKey, await SubmissionAsync("sk-first", 1, 0));
        var rotated = await AcmeCredentials.SubmitCredentialAsync(WhisperKey, await SubmissionAsync("sk-second", 2, 1));
        await Assert.ThrowsAsync<CredentialConflictException>(async () =>
            await AcmeCredentials.SubmitCredentialAsync(WhisperKey, await SubmissionAsync("sk-stale", 2, 0)));
        await AcmeCredentials.RevokeCredentialAsync(WhisperKey, new CredentialRevocation("acme-owner", 2));

        var rows = await RowsAsync();

        Assert.Equal(
        [
            ("main", "agent", AuditActions.CredentialRequested, AuditOutcomes.Accepted, (int?)0, (string?)null),
            ("acme-owner", "user", AuditActions.CredentialSubmitted, AuditOutcomes.Accepted, 1, first.Fingerprint),
            ("acme-owner", "user", AuditActions.CredentialRotated, AuditOutcomes.Accepted, 2, rotated.Fingerprint),
            ("acme-owner", "user", AuditActions.CredentialRotated, AuditOutcomes.Refused, 2, null),
            ("acme-owner", "user", AuditActions.CredentialRevoked, AuditOutcomes.Accepted, 2, rotated.Fingerprint),
        ],
        rows.Select(r => (r.Actor, r.ActorKind, r.Action, r.Outcome, r.Version, r.Fingerprint)));
        Assert.All(rows, r => Assert.Equal((WhisperKey.ToString(), RuntimeOne), (r.CredentialRef, r.RuntimeId)));
        Assert.Contains("not the expected 0", rows[3].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_database_refuses_the_row_the_submission_is_refused_and_the_host_keeps_nothing()
    {
        await AuditRowRefusal.RefuseAsync(_database, AuditActions.CredentialSubmitted);

        await Assert.ThrowsAsync<AuditWriteException>(async () =>
            await AcmeCredentials.SubmitCredentialAsync(WhisperKey, await SubmissionAsync("sk-unrecorded", 1, 0)));

        Assert.Null(_fleet.StoredSecret(WhisperKey));
        var unchanged = await AcmeCredentials.GetCredentialAsync(WhisperKey);
        Assert.Equal((CredentialStatus.Pending, 0), (unchanged.Status, unchanged.Version));

        // Nothing was held back either: once rows are taken again, the prepared value is gone and a commit finds nothing.
        await AuditRowRefusal.AllowAsync(_database);
        await Assert.ThrowsAsync<DeliveryNotPreparedException>(() => _fleet.Runtime(RuntimeOne).CommitDeliveryAsync(WhisperKey, 1));
        var delivered = await AcmeCredentials.SubmitCredentialAsync(WhisperKey, await SubmissionAsync("sk-recorded", 1, 0));
        Assert.Equal((CredentialStatus.Active, "sk-recorded"), (delivered.Status, _fleet.StoredSecret(WhisperKey)));
    }

    [Fact]
    public async Task When_the_database_refuses_the_row_a_revocation_is_refused_and_the_value_stays()
    {
        await AcmeCredentials.SubmitCredentialAsync(WhisperKey, await SubmissionAsync("sk-kept", 1, 0));
        await AuditRowRefusal.RefuseAsync(_database, AuditActions.CredentialRevoked);

        await Assert.ThrowsAsync<AuditWriteException>(() => AcmeCredentials.RevokeCredentialAsync(WhisperKey, new CredentialRevocation("acme-owner", 1)));

        Assert.Equal("sk-kept", _fleet.StoredSecret(WhisperKey));
        Assert.Equal(CredentialStatus.Active, (await AcmeCredentials.GetCredentialAsync(WhisperKey)).Status);
    }

    [Fact]
    public async Task A_request_file_set_aside_is_recorded_first_and_stays_in_the_inbox_while_it_cannot_be()
    {
        await AuditRowRefusal.RefuseAsync(_database, AuditActions.CredentialRequestRejected);
        var inbox = Directory.CreateDirectory(Path.Combine(_fleet.Workspace(RuntimeOne), "requests", "skill-credentials"));
        var request = Path.Combine(inbox.FullName, "unknown.json");
        File.WriteAllText(request, """{"skill":"not-installed","key":"SOME_KEY","agentId":"main"}""");
        File.SetLastWriteTimeUtc(request, DateTime.UtcNow.AddMinutes(-1));

        // Passes run every quarter second; several go by while the trail refuses the row, and the file stays put.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.True(File.Exists(request));
        Assert.DoesNotContain(await RowsAsync(), r => r.Action == AuditActions.CredentialRequestRejected);

        await AuditRowRefusal.AllowAsync(_database);
        var row = await Eventually.ValueAsync(
            async () => (await RowsAsync()).SingleOrDefault(r => r.Action == AuditActions.CredentialRequestRejected), r => r is not null);

        Assert.Equal(("main", AuditOutcomes.Rejected, $"{AccountOne}/{RuntimeOne}/not-installed/SOME_KEY"), (row!.Actor, row.Outcome, row.CredentialRef));
        Assert.StartsWith("unknown_skill: ", row.Reason, StringComparison.Ordinal);
        Assert.EndsWith("(file unknown.json)", row.Reason, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => Task.FromResult(
            !File.Exists(request) && Directory.GetFiles(Path.Combine(inbox.FullName, "failed"), "*-unknown.json.error.json").Length == 1));
    }

    [Fact]
    public async Task With_the_runtime_offline_the_failed_attempt_is_recorded_and_nothing_else()
    {
        var submission = await SubmissionAsync("sk-offline", 1, 0);
        await _fleet.Cluster.KillSiloAsync(_fleet.Silo("Silo_1"));
        await _fleet.WaitForOfflineAsync(RuntimeOne);

        await Assert.ThrowsAsync<RuntimeOfflineException>(() => AcmeCredentials.SubmitCredentialAsync(WhisperKey, submission));

        var row = (await RowsAsync())[^1];
        Assert.Equal((AuditActions.CredentialSubmitted, AuditOutcomes.Failed, (int?)1, (string?)null), (row.Action, row.Outcome, row.Version, row.Fingerprint));
        Assert.Contains("offline", row.Reason, StringComparison.Ordinal);
    }

    private async Task<CredentialSubmission> SubmissionAsync(string value, int version, int? expectedVersion) =>
        new("acme-owner", expectedVersion, await _fleet.SealAsync(WhisperKey, version, value));

    /// <summary>The account's rows about credentials, oldest first (account creation and binding rows left out).</summary>
    private async Task<IReadOnlyList<AuditRecord>> RowsAsync()
    {
        var page = await _fleet.Cluster.Silos[0].ServiceProvider.GetRequiredService<IAuditTrail>().ReadAsync(AccountOne, null, AuditPage.MaxLimit, CancellationToken.None);
        return [.. page.Entries.Reverse().Select(e => e.Record).Where(r => r.CredentialRef is not null)];
    }
}
