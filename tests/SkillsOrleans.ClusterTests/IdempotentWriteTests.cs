using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Sealing;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// A client that lost an answer and repeats its write gets the original result, not a conflict: with the same
/// <c>Idempotency-Key</c>, or (for a sealed value) with the same envelope. Nothing is done twice.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class IdempotentWriteTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly CredentialRef WhisperKey = new("demo", DemoStack.Runtime, "openai-whisper-api", "OPENAI_API_KEY");
    private static readonly string Route = $"/api/accounts/demo/credentials/{DemoStack.Runtime}/openai-whisper-api/OPENAI_API_KEY";
    private DemoStack _stack = null!;

    public async Task InitializeAsync()
    {
        _stack = await DemoStack.StartAsync(postgres, "idempotent");
        await _stack.RequestAsync(WhisperKey);
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient http, string path, object? body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_repeated_submission_with_its_key_answers_the_original_and_stores_nothing_new()
    {
        var http = await _stack.ClientForAsync("demo-admin");
        var first = "sk-first-" + Guid.NewGuid().ToString("N");
        var repeat = "sk-repeat-" + Guid.NewGuid().ToString("N");

        var original = await SendAsync(http, Route, new { secret = first, expectedVersion = 0 }, "order-7f3a");
        var again = await SendAsync(http, Route, new { secret = repeat, expectedVersion = 0 }, "order-7f3a");
        var unkeyed = await SendAsync(http, Route, new { secret = repeat, expectedVersion = 0 }, null);
        var byAlias = await SendAsync(http, "/admin/skills/credentials",
            new { accountId = "demo", credentialRef = WhisperKey.ToString(), secret = repeat, expectedVersion = 0 }, "order-7f3a");

        Assert.Equal(HttpStatusCode.OK, original.Status);
        Assert.Equal(original, again);
        Assert.Equal(original, byAlias);
        Assert.Equal(HttpStatusCode.Conflict, unkeyed.Status);
        Assert.True(_stack.HostHolds(first));
        Assert.False(_stack.HostHolds(repeat));
        Assert.Equal(1, (await _stack.DemoCredentials.GetCredentialAsync(WhisperKey)).Version);
    }

    [Fact]
    public async Task The_same_sealed_envelope_sent_again_answers_the_version_it_made()
    {
        var http = await _stack.ClientForAsync("demo-admin");
        var key = await http.GetFromJsonAsync<SealingPublicKey>($"/api/accounts/demo/runtimes/{DemoStack.Runtime}/sealing-key");
        var envelope = SecretSealer.Seal(Convert.FromBase64String(key!.Spki), key.Kid, DemoStack.Runtime, WhisperKey.ToString(), 1,
            DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds(), "sk-sealed-" + Guid.NewGuid().ToString("N"));

        var original = await SendAsync(http, Route, new { sealedSecret = envelope, expectedVersion = 0 }, null);
        var again = await SendAsync(http, Route, new { sealedSecret = envelope, expectedVersion = 0 }, null);

        Assert.Equal(HttpStatusCode.OK, original.Status);
        Assert.Equal(original, again);
        Assert.Equal(1, JsonDocument.Parse(again.Body).RootElement.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_repeated_revocation_with_its_key_answers_the_original_and_a_key_is_bound_to_its_request()
    {
        var http = await _stack.ClientForAsync("demo-admin");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, Route, new { secret = "sk-to-revoke", expectedVersion = 0 }, "deliver-1")).Status);

        var revoke = $"{Route}/revoke?expectedVersion=1";
        var original = await SendAsync(http, revoke, null, "revoke-1");
        var again = await SendAsync(http, revoke, null, "revoke-1");
        var unkeyed = await SendAsync(http, revoke, null, null);
        var reused = await SendAsync(http, revoke, null, "deliver-1");
        var malformed = await SendAsync(http, revoke, null, "not a key");

        Assert.Equal(HttpStatusCode.OK, original.Status);
        Assert.Equal(original, again);
        Assert.Equal(HttpStatusCode.Conflict, unkeyed.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, malformed.Status);
        Assert.False(_stack.HostHolds("sk-to-revoke"));
    }
}
