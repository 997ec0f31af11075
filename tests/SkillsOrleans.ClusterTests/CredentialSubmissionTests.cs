using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;
using static SkillsOrleans.ClusterTests.FleetTestCluster;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// Submission and revocation through the account and credential grains: the state machine decides, the runtime
/// host stores or removes the value, and only then does the credential change.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CredentialSubmissionTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly CredentialRef WhisperKey = new(AccountOne, RuntimeOne, "openai-whisper-api", "OPENAI_API_KEY");
    private FleetTestCluster _fleet = null!;

    private IAccountGrain Acme => _fleet.Account(AccountOne);

    private TenantCredentials AcmeCredentials => _fleet.Credentials(AccountOne);

    public async Task InitializeAsync()
    {
        _fleet = await StartAsync(await postgres.CreateMigratedDatabaseAsync("submission"));
        await AcmeCredentials.RequestCredentialAsync(WhisperKey, new CredentialRequest("main", "transcripts"));
    }

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    private async Task<CredentialSubmission> SubmissionAsync(string value, int version, int? expectedVersion, CredentialRef? target = null)
    {
        return new CredentialSubmission("acme-owner", expectedVersion, await _fleet.SealAsync(target ?? WhisperKey, version, value));
    }

    [Fact]
    public async Task Submitting_stores_the_value_on_the_host_and_activates_and_rotating_replaces_it()
    {
        var active = await AcmeCredentials.SubmitCredentialAsync(WhisperKey, await SubmissionAsync("sk-first", 1, 0));
        Assert.Equal((CredentialStatus.Active, 1), (active.Status, active.Version));
        Assert.Equal("sk-first", _fleet.StoredSecret(WhisperKey));

        var rotated = await AcmeCredentials.SubmitCredentialAsync(WhisperKey, await SubmissionAsync("sk-second", 2, 1));
        Assert.Equal((CredentialStatus.Active, 2), (rotated.Status, rotated.Version));
        Assert.NotEqual(active.Fingerprint, rotated.Fingerprint);
        Assert.Equal("sk-second", _fleet.StoredSecret(WhisperKey));
        Assert.Equal(rotated, Assert.Single(await Acme.ListCredentialsAsync(CredentialStatus.Active)));
    }

    [Fact]
    public async Task A_stale_expected_version_is_refused_before_anything_reaches_the_host()
    {
        await AcmeCredentials.SubmitCredentialAsync(WhisperKey, await SubmissionAsync("sk-first", 1, 0));

        var conflict = await Assert.ThrowsAsync<CredentialConflictException>(async () =>
            await AcmeCredentials.SubmitCredentialAsync(WhisperKey, await SubmissionAsync("sk-late", 2, 0)));

        Assert.Equal(CredentialConflictKind.VersionMismatch, conflict.Kind);
        Assert.Equal("sk-first", _fleet.StoredSecret(WhisperKey));
    }

    [Fact]
    public async Task Revoking_removes_the_value_from_the_host_then_revokes()
    {
        await AcmeCredentials.SubmitCredentialAsync(WhisperKey, await SubmissionAsync("sk-first", 1, 0));

        var revoked = await AcmeCredentials.RevokeCredentialAsync(WhisperKey, new CredentialRevocation("acme-owner", 1));

        Assert.Equal(CredentialStatus.Revoked, revoked.Status);
        Assert.Null(_fleet.StoredSecret(WhisperKey));
    }

    [Fact]
    public async Task With_the_runtime_offline_a_submission_fails_and_nothing_changes_anywhere()
    {
        var submission = await SubmissionAsync("sk-offline", 1, 0);
        await _fleet.Cluster.KillSiloAsync(_fleet.Silo("Silo_1"));
        await _fleet.WaitForOfflineAsync(RuntimeOne);

        await Assert.ThrowsAsync<RuntimeOfflineException>(() => AcmeCredentials.SubmitCredentialAsync(WhisperKey, submission));

        var unchanged = await AcmeCredentials.GetCredentialAsync(WhisperKey);
        Assert.Equal((CredentialStatus.Pending, 0), (unchanged.Status, unchanged.Version));
        Assert.Null(_fleet.StoredSecret(WhisperKey));
    }

    [Fact]
    public async Task Submissions_complete_while_the_runtime_is_busy_handing_requests_to_the_account()
    {
        // The runtime's loop calls the account while the account waits on a delivery at the runtime: no deadlock.
        var requests = Directory.CreateDirectory(Path.Combine(_fleet.Workspace(RuntimeOne), "requests", "skill-credentials"));
        var skill = Directory.CreateDirectory(Path.Combine(_fleet.Workspace(RuntimeOne), "skills", "whisper"));
        File.WriteAllText(Path.Combine(skill.FullName, "SKILL.md"),
            "---\nname: openai-whisper-api\ndescription: d\nmetadata: {\"openclaw\": {\"primaryEnv\": \"OPENAI_API_KEY\", \"requires\": {\"env\": [\"OPENAI_API_KEY\", \"OPENAI_ORG\"]}}}\n---\n");
        // The files below are written as settled, so one the runtime sees before it lists the skill would be refused.
        await Eventually.TrueAsync(async () =>
            (await _fleet.Client.GetGrain<IRuntimeCatalogGrain>(RuntimeOne).GetAsync(AccountOne))?.Skills
                .Any(s => s.SkillKey == "openai-whisper-api") == true);
        var processed = Path.Combine(requests.FullName, "processed");
        var failed = Path.Combine(requests.FullName, "failed");
        int Handled() => Directory.Exists(processed) ? Directory.GetFiles(processed).Length : 0;
        string Refused() => Directory.Exists(failed) ? string.Join("; ", Directory.GetFiles(failed, "*.error.json").Select(File.ReadAllText)) : "";
        var version = 0;
        var deadline = DateTime.UtcNow.AddSeconds(120); // only against a loop that stops handling files; each call has its own limit
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 100; i++)
            {
                var path = Path.Combine(requests.FullName, $"r{round}-{i}.json");
                File.WriteAllText(path, """{"skill":"openai-whisper-api","key":"OPENAI_ORG"}""");
                File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1)); // settled: handled on the next pass
            }

            // Keep rotating while the runtime's loop hands this batch to the account, one call per file.
            while (Handled() < (round + 1) * 100)
            {
                Assert.True(DateTime.UtcNow < deadline, $"the runtime handed only {Handled()} of {(round + 1) * 100} request files to the account within 120 s; refused: {Refused()}");
                version++;
                var call = AcmeCredentials.SubmitCredentialAsync(WhisperKey, await SubmissionAsync($"sk-{version}", version, version - 1));
                var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(8)));
                Assert.True(finished == call, $"submission {version} did not complete within 8 s: a grain call cycle is blocked");
                await call;
            }
        }

        Assert.Equal($"sk-{version}", _fleet.StoredSecret(WhisperKey));
    }
}
