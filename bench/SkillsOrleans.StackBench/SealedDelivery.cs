using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkillsOrleans.CrashHarness;
using SkillsOrleans.Sealing;

namespace SkillsOrleans.StackBench;

/// <summary>
/// Delivers keys as the admin page does: sealed on the client to the runtime host's public key for the credential's
/// next version, then posted with the expected version. Only the HTTP call is timed; the answer is checked (200,
/// <c>active</c>, the next version), so a refused delivery can never count as a fast one.
/// </summary>
public sealed class SealedDelivery(ApiPair apis)
{
    private readonly ConcurrentDictionary<string, SealingPublicKey> _keys = new(StringComparer.Ordinal);

    /// <summary>Fetches (once) the sealing key of the key's runtime host, as its account's owner.</summary>
    public async Task<SealingPublicKey> SealingKeyAsync(CredentialTrack key)
    {
        if (_keys.TryGetValue(key.Tenant.RuntimeId, out var known))
        {
            return known;
        }

        var answer = await apis.SendAsync(key.Tenant.Owner, () => new HttpRequestMessage(
            HttpMethod.Get, $"/api/accounts/{key.Tenant.AccountId}/runtimes/{key.Tenant.RuntimeId}/sealing-key"));
        if (!answer.IsSuccess)
        {
            throw new InvalidOperationException($"The sealing key of {key.Tenant.RuntimeId} answered {answer.Status} {answer.Failure}.");
        }

        var sealingKey = JsonSerializer.Deserialize<SealingPublicKey>(answer.Body)!;
        return _keys.GetOrAdd(key.Tenant.RuntimeId, sealingKey);
    }

    /// <summary>Delivers <paramref name="value"/> as version <paramref name="expectedVersion"/> + 1; returns how long the API took.</summary>
    public async Task<TimeSpan> DeliverAsync(CredentialTrack key, int expectedVersion, string value)
    {
        var sealingKey = await SealingKeyAsync(key);
        var envelope = SecretSealer.Seal(Convert.FromBase64String(sealingKey.Spki), sealingKey.Kid, key.Tenant.RuntimeId, key.Ref,
            expectedVersion + 1, DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds(), value);
        var body = new JsonObject
        {
            ["sealedSecret"] = JsonNode.Parse(SealedSecretJson.Serialize(envelope)),
            ["expectedVersion"] = expectedVersion,
        };

        var started = Stopwatch.GetTimestamp();
        var answer = await apis.SendAsync(key.Tenant.Owner, () => new HttpRequestMessage(HttpMethod.Post, key.Route) { Content = JsonContent.Create(body) });
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (answer.Status != 200)
        {
            throw new InvalidOperationException($"Delivering {key.Ref} at version {expectedVersion} answered {answer.Status} {answer.Failure}: {answer.Body}");
        }

        using var result = JsonDocument.Parse(answer.Body);
        var status = result.RootElement.GetProperty("status").GetString();
        var version = result.RootElement.GetProperty("version").GetInt32();
        return (status, version) == ("active", expectedVersion + 1)
            ? elapsed
            : throw new InvalidOperationException($"Delivering {key.Ref} at version {expectedVersion} answered {status} v{version}.");
    }
}
