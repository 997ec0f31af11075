using System.Text.Json;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Sealing;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Sealing;
using SkillsOrleans.Testing;
using static SkillsOrleans.ClusterTests.FleetTestCluster;

namespace SkillsOrleans.ClusterTests;

/// <summary>The host side of sealed delivery through the cluster: only ciphertext crosses it, only the host opens it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SecretDeliveryTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly CredentialRef WhisperKey = new(AccountOne, RuntimeOne, "openai-whisper-api", "OPENAI_API_KEY");
    private readonly string _canary = "sk-canary-" + Guid.NewGuid().ToString("N");
    private FleetTestCluster _fleet = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _database = await postgres.CreateMigratedDatabaseAsync("delivery");
        _fleet = await StartAsync(_database);
    }

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    private Task<SealedSecretEnvelope> SealAsync(string value, int version, CredentialRef? target = null) =>
        _fleet.SealAsync(target ?? WhisperKey, version, value);

    [Fact]
    public async Task A_sealed_value_lands_in_the_host_secret_file_and_only_its_fingerprint_comes_back()
    {
        var delivery = await _fleet.Runtime(RuntimeOne).DeliverAsync(WhisperKey, 1, await SealAsync(_canary, 1));

        Assert.Equal((WhisperKey.ToString(), 1), (delivery.CredentialRef, delivery.Version));
        Assert.StartsWith("hmac-sha256:", delivery.Fingerprint, StringComparison.Ordinal);
        Assert.DoesNotContain(_canary, JsonSerializer.Serialize(delivery), StringComparison.Ordinal);
        using var file = JsonDocument.Parse(File.ReadAllText(_fleet.SecretsFile(RuntimeOne)));
        Assert.Equal(_canary, file.RootElement.GetProperty(AccountOne).GetProperty("openai-whisper-api").GetProperty("OPENAI_API_KEY").GetString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_fleet.SecretsFile(RuntimeOne)));

        // Nothing of the value reached PostgreSQL (grain state, membership, anything).
        Assert.DoesNotContain(_canary, await postgres.Server.DumpAsync(_database), StringComparison.Ordinal);
        var health = await _fleet.Runtime(RuntimeOne).GetHealthAsync();
        Assert.Equal(("ready", 1), (health.SecretStore.State, health.SecretStore.Entries));
        Assert.DoesNotContain(_canary, JsonSerializer.Serialize(health), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_gateway_to_reach_the_value_stays_stored_and_the_reload_stays_pending_and_retried()
    {
        // This cluster configures no gateway token, so every reload attempt fails and falls back to the flag file.
        var delivery = await _fleet.Runtime(RuntimeOne).DeliverAsync(WhisperKey, 1, await SealAsync(_canary, 1));
        Assert.True(delivery.ReloadPending);

        var health = await Eventually.ValueAsync(() => _fleet.Runtime(RuntimeOne).GetHealthAsync(), h => h.GatewayReload.Attempts >= 2);

        Assert.NotEqual("idle", health.GatewayReload.State);
        Assert.True(health.GatewayReload.FallbackUsed);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(_fleet.SecretsFile(RuntimeOne)))!, "skillsorleans", "reload-requested")));
        Assert.Contains(_canary, File.ReadAllText(_fleet.SecretsFile(RuntimeOne)), StringComparison.Ordinal);
        Assert.Equal("in-step", health.OpenClawConfig.State);
    }

    [Fact]
    public async Task An_envelope_for_another_version_or_a_replayed_one_is_refused_and_nothing_changes()
    {
        var envelope = await SealAsync(_canary, 1);
        await _fleet.Runtime(RuntimeOne).DeliverAsync(WhisperKey, 1, envelope);

        var replay = await Assert.ThrowsAsync<SealedSecretRejectedException>(() => _fleet.Runtime(RuntimeOne).DeliverAsync(WhisperKey, 1, envelope));
        var wrongVersion = await Assert.ThrowsAsync<SealedSecretRejectedException>(async () =>
            await _fleet.Runtime(RuntimeOne).DeliverAsync(WhisperKey, 3, await SealAsync("other-value", 2)));

        Assert.Equal(SealedSecretRejection.Replayed, replay.Reason);
        Assert.Equal(SealedSecretRejection.WrongVersion, wrongVersion.Reason);
        Assert.DoesNotContain("other-value", File.ReadAllText(_fleet.SecretsFile(RuntimeOne)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_runtime_cannot_open_it_and_a_foreign_credential_is_unknown_here()
    {
        var forRuntimeOne = await SealAsync(_canary, 1);
        var globexRef = new CredentialRef(AccountTwo, RuntimeTwo, "openai-whisper-api", "OPENAI_API_KEY");

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => _fleet.Runtime(RuntimeTwo).DeliverAsync(WhisperKey, 1, forRuntimeOne));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => _fleet.Runtime(RuntimeOne).DeliverAsync(globexRef, 1, forRuntimeOne));
        var misaddressed = await Assert.ThrowsAsync<SealedSecretRejectedException>(() =>
            _fleet.Runtime(RuntimeTwo).DeliverAsync(globexRef, 1, forRuntimeOne));
        Assert.Contains(misaddressed.Reason, new[] { SealedSecretRejection.WrongKey, SealedSecretRejection.WrongHost, SealedSecretRejection.WrongCredential });
    }

    [Fact]
    public async Task Withdrawing_removes_the_value_from_the_host()
    {
        await _fleet.Runtime(RuntimeOne).DeliverAsync(WhisperKey, 1, await SealAsync(_canary, 1));

        await _fleet.Runtime(RuntimeOne).WithdrawAsync(WhisperKey);

        Assert.DoesNotContain(_canary, File.ReadAllText(_fleet.SecretsFile(RuntimeOne)), StringComparison.Ordinal);
        Assert.Equal(0, (await _fleet.Runtime(RuntimeOne).GetHealthAsync()).SecretStore.Entries);
    }
}
