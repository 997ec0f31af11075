using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SkillsOrleans.Contracts.Audit;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;
using static SkillsOrleans.ClusterTests.FleetTestCluster;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// Reconciliation with the runtime host's real secret file: each leftover a crash can leave between the host step and
/// the state write is put on the host by hand, and the next pass (every second here) repairs it by the documented rule.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReconciliationTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly CredentialRef WhisperKey = new(AccountOne, RuntimeOne, "openai-whisper-api", "OPENAI_API_KEY");
    private static readonly string Reconciler = $"reconciler@{RuntimeOne}";
    private FleetTestCluster _fleet = null!;

    private string _database = null!;

    public async Task InitializeAsync()
    {
        _database = await postgres.CreateMigratedDatabaseAsync("reconcile");
        // Statements give up after 2 s, so a locked storage table fails a grain's state write well within a call.
        _fleet = await StartAsync(
            new NpgsqlConnectionStringBuilder(_database) { CommandTimeout = 2 }.ConnectionString, reconcileInterval: TimeSpan.FromSeconds(1));
    }

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    private TenantCredentials Acme => _fleet.Credentials(AccountOne);

    private async Task<CredentialSnapshot> ActiveAsync(string value)
    {
        await Acme.RequestCredentialAsync(WhisperKey, new CredentialRequest("main", null));
        return await Acme.SubmitCredentialAsync(WhisperKey, new CredentialSubmission("acme-owner", 0, await _fleet.SealAsync(WhisperKey, 1, value)));
    }

    private Task<CredentialSnapshot> EventuallyAsync(Func<CredentialSnapshot, bool> settled) =>
        Eventually.ValueAsync(() => Acme.GetCredentialAsync(WhisperKey), settled);

    [Fact]
    public async Task An_active_key_the_host_no_longer_holds_is_recorded_as_revoked_and_leaves_the_config()
    {
        var active = await ActiveAsync("sk-lost-" + Guid.NewGuid().ToString("N"));

        EditSecretFile(file => file[AccountOne]!.AsObject().Remove(WhisperKey.SkillKey));

        var revoked = await EventuallyAsync(c => c.Status == CredentialStatus.Revoked);
        Assert.Equal((active.Version, (string?)null, Reconciler), (revoked.Version, revoked.Fingerprint, revoked.UpdatedBy));
        Assert.DoesNotContain(WhisperKey.SkillKey, await File.ReadAllTextAsync(ConfigFile), StringComparison.Ordinal);
        var row = Assert.Single(await ReconcilerRowsAsync());
        Assert.Equal((AuditOutcomes.Accepted, (int?)active.Version), (row.Outcome, row.Version));
        var health = await Eventually.ValueAsync(() => _fleet.Runtime(RuntimeOne).GetHealthAsync(), h => h.Reconciliation.Drift.Count > 0);
        Assert.Equal("repaired", health.Reconciliation.State);
        Assert.Equal(new CredentialDriftEntry(WhisperKey.ToString(), "recorded-as-revoked"), Assert.Single(health.Reconciliation.Drift));
    }

    [Fact]
    public async Task A_revocation_whose_state_write_failed_after_the_host_withdrew_ends_revoked()
    {
        var value = "sk-half-revoked-" + Guid.NewGuid().ToString("N");
        var active = await ActiveAsync(value);

        await using (await TableLock.HoldAsync(_database, "orleansstorage"))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => Acme.RevokeCredentialAsync(WhisperKey, new CredentialRevocation("acme-owner", null)));
            Assert.Null(_fleet.StoredSecret(WhisperKey)); // the host step was done; only the state write failed
        }

        var revoked = await EventuallyAsync(c => c.Status == CredentialStatus.Revoked);
        Assert.Equal((active.Version, Reconciler), (revoked.Version, revoked.UpdatedBy));
    }

    [Fact]
    public async Task A_submission_whose_state_write_failed_after_the_host_stored_it_ends_active_with_that_value()
    {
        await Acme.RequestCredentialAsync(WhisperKey, new CredentialRequest("main", null));
        var value = "sk-half-submitted-" + Guid.NewGuid().ToString("N");
        var submission = new CredentialSubmission("acme-owner", 0, await _fleet.SealAsync(WhisperKey, 1, value));

        await using (await TableLock.HoldAsync(_database, "orleansstorage"))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => Acme.SubmitCredentialAsync(WhisperKey, submission));
            Assert.Equal(value, _fleet.StoredSecret(WhisperKey));
        }

        var adopted = await EventuallyAsync(c => c.Status == CredentialStatus.Active);
        var onHost = await _fleet.Runtime(RuntimeOne).InspectStoredAsync(WhisperKey);
        Assert.Equal((1, onHost.Fingerprint, Reconciler), (adopted.Version, adopted.Fingerprint, adopted.UpdatedBy));
        Assert.Equal(value, _fleet.StoredSecret(WhisperKey));
    }

    [Fact]
    public async Task A_value_stored_on_the_host_for_a_pending_key_is_adopted_as_the_next_version()
    {
        await Acme.RequestCredentialAsync(WhisperKey, new CredentialRequest("main", null));
        var value = "sk-stored-not-saved-" + Guid.NewGuid().ToString("N");

        EditSecretFile(file => file[AccountOne] = new JsonObject { [WhisperKey.SkillKey] = new JsonObject { [WhisperKey.KeyName] = value } });

        var adopted = await EventuallyAsync(c => c.Status == CredentialStatus.Active);
        var onHost = await _fleet.Runtime(RuntimeOne).InspectStoredAsync(WhisperKey);
        Assert.Equal((1, onHost.Fingerprint, Reconciler), (adopted.Version, adopted.Fingerprint, adopted.UpdatedBy));
        Assert.Equal(value, _fleet.StoredSecret(WhisperKey));

        // The next pass finds both in step and changes nothing more.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(adopted, await Acme.GetCredentialAsync(WhisperKey));
        Assert.Single(await ReconcilerRowsAsync());
    }

    [Fact]
    public async Task A_value_back_on_the_host_for_a_revoked_key_is_withdrawn()
    {
        var value = "sk-revoked-" + Guid.NewGuid().ToString("N");
        await ActiveAsync(value);
        var revoked = await Acme.RevokeCredentialAsync(WhisperKey, new CredentialRevocation("acme-owner", null));

        EditSecretFile(file => file[AccountOne] = new JsonObject { [WhisperKey.SkillKey] = new JsonObject { [WhisperKey.KeyName] = value } });

        await Eventually.ValueAsync(() => Task.FromResult(_fleet.StoredSecret(WhisperKey)), stored => stored is null);
        Assert.Equal(revoked, await Acme.GetCredentialAsync(WhisperKey));
        Assert.Equal(AuditOutcomes.Accepted, Assert.Single(await ReconcilerRowsAsync()).Outcome);
    }

    [Fact]
    public async Task A_value_no_credential_knows_is_kept_reported_once_and_counted_as_drift()
    {
        var stray = new CredentialRef(AccountOne, RuntimeOne, "notion", "NOTION_API_KEY");
        EditSecretFile(file => file[AccountOne] = new JsonObject { [stray.SkillKey] = new JsonObject { [stray.KeyName] = "hand-placed" } });

        var health = await Eventually.ValueAsync(() => _fleet.Runtime(RuntimeOne).GetHealthAsync(), h => h.Reconciliation.State == "drift");
        Assert.Equal(new CredentialDriftEntry(stray.ToString(), "unknown-to-cluster"), Assert.Single(health.Reconciliation.Drift));
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal("hand-placed", _fleet.StoredSecret(stray));
        var row = Assert.Single(await ReconcilerRowsAsync());
        Assert.Equal((AuditOutcomes.Refused, stray.ToString()), (row.Outcome, row.CredentialRef));
        await Assert.ThrowsAsync<SkillsOrleans.Contracts.Errors.ResourceNotFoundException>(() => Acme.GetCredentialAsync(stray));
    }

    [Fact]
    public async Task An_unreadable_secret_file_fails_the_pass_and_changes_no_credential()
    {
        var active = await ActiveAsync("sk-kept-" + Guid.NewGuid().ToString("N"));

        await File.WriteAllTextAsync(_fleet.SecretsFile(RuntimeOne), "{ not json");

        var health = await Eventually.ValueAsync(() => _fleet.Runtime(RuntimeOne).GetHealthAsync(), h => h.Reconciliation.State == "failed");
        Assert.True(health.Reconciliation.Failures > 0);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(active, await Acme.GetCredentialAsync(WhisperKey));
        Assert.Empty(await ReconcilerRowsAsync());
    }

    private string ConfigFile => Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(_fleet.SecretsFile(RuntimeOne)))!, "openclaw.json");

    private void EditSecretFile(Action<JsonObject> edit) => _fleet.EditSecretFile(RuntimeOne, edit);

    private async Task<IReadOnlyList<AuditRecord>> ReconcilerRowsAsync()
    {
        var page = await _fleet.Cluster.Silos[0].ServiceProvider.GetRequiredService<IAuditTrail>()
            .ReadAsync(AccountOne, null, AuditPage.MaxLimit, CancellationToken.None);
        return [.. page.Entries.Select(e => e.Record).Where(r => r.Action == AuditActions.CredentialReconciled)];
    }
}
