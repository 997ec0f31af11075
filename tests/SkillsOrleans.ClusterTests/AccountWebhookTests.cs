using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// An account's webhook through the HTTP API, with a real receiver on a loopback port: owners set it, events arrive in
/// order once the receiver takes them (after failures, retried), each signed with a key the public key set verifies,
/// and no body carries a value or even its fingerprint.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AccountWebhookTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly CredentialRef Whisper = new("demo", DemoStack.Runtime, "openai-whisper-api", "OPENAI_API_KEY");
    private DemoStack _stack = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _stack = await DemoStack.StartAsync(postgres, "webhooks");
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _stack.DisposeAsync();
    }

    [Fact]
    public async Task Key_events_reach_the_receiver_in_order_signed_retried_after_failures_and_without_the_value()
    {
        var owner = await _stack.ClientForAsync("demo-owner");
        var admin = await _stack.ClientForAsync("demo-admin");
        _receiver.FailFirst = 2;

        var set = await owner.PutAsJsonAsync("/api/accounts/demo/webhook", new { url = _receiver.Url });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var status = await set.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(new Uri(_receiver.Url).GetLeftPart(UriPartial.Authority), status.GetProperty("target").GetString());
        Assert.DoesNotContain("receiver-own-token", await set.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        const string canary = "sk-webhook-canary-0123456789";
        await _stack.RequestAsync(Whisper);
        var submitted = await admin.PostAsJsonAsync($"/api/accounts/demo/credentials/{DemoStack.Runtime}/openai-whisper-api/OPENAI_API_KEY",
            new { secret = canary, expectedVersion = 0 });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        var delivered = await Eventually.ValueAsync(
            () => Task.FromResult(_receiver.Received.Where(r => !r.AnsweredWithFailure).ToList()),
            received => received.Count >= 2);
        Assert.Equal(2, _receiver.Received.Count(r => r.AnsweredWithFailure));
        Assert.Equal(["credential.requested", "credential.submitted"], delivered.Select(r => Json(r.Body).GetProperty("type").GetString()));
        var first = Json(delivered[0].Body);
        Assert.Equal(("demo", Whisper.ToString(), "openai-whisper-api", "OPENAI_API_KEY", "main", "agent"),
            (first.GetProperty("account").GetString(), first.GetProperty("credentialRef").GetString(), first.GetProperty("skill").GetString(),
             first.GetProperty("key").GetString(), first.GetProperty("actor").GetString(), first.GetProperty("actorKind").GetString()));
        Assert.Equal(1, Json(delivered[1].Body).GetProperty("version").GetInt32());
        Assert.All(_receiver.Received, r =>
        {
            Assert.DoesNotContain(canary, r.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("fingerprint", r.Body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("hmac-sha256", r.Body, StringComparison.Ordinal);
        });
        // The failed attempts were the same event as the first delivery: the id lets a receiver drop repeats.
        Assert.All(_receiver.Received.Where(r => r.AnsweredWithFailure), r => Assert.Equal(delivered[0].Id, r.Id));

        var keys = await _stack.Api.CreateClient().GetFromJsonAsync<JsonElement>("/webhooks/jwks.json"); // anonymous
        Assert.All(_receiver.Received, r => Assert.True(Verifies(keys, r), $"the signature of {r.Id} does not verify"));
        var tampered = delivered[0] with { Body = delivered[0].Body.Replace("openai-whisper-api", "openai-whisper-apj", StringComparison.Ordinal) };
        Assert.False(Verifies(keys, tampered));

        var standing = await admin.GetFromJsonAsync<JsonElement>("/api/accounts/demo/webhook");
        Assert.Equal((2, 0, JsonValueKind.Null),
            (standing.GetProperty("delivered").GetInt32(), standing.GetProperty("consecutiveFailures").GetInt32(), standing.GetProperty("lastError").ValueKind));
        var activity = await owner.GetFromJsonAsync<JsonElement>("/api/accounts/demo/activity");
        Assert.Contains(activity.GetProperty("entries").EnumerateArray(), row => row.GetProperty("action").GetString() == "account.settings_changed"
            && row.GetProperty("reason").GetString() == $"webhook set to {new Uri(_receiver.Url).GetLeftPart(UriPartial.Authority)}");
    }

    [Fact]
    public async Task An_event_is_sent_when_the_account_announces_it_not_at_the_next_backstop_pass()
    {
        var owner = await _stack.ClientForAsync("demo-owner");
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync("/api/accounts/demo/webhook", new { url = _receiver.Url })).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(2)); // the pass that starts delivery has run and found nothing

        await _stack.RequestAsync(Whisper);
        // The backstop pass is 30 s away: only the account's notice of the new audit row can bring it this soon.
        var delivered = await Eventually.ValueAsync(
            () => Task.FromResult(_receiver.Received.ToList()), received => received.Count >= 1, TimeSpan.FromSeconds(10));
        Assert.Equal("credential.requested", Json(Assert.Single(delivered).Body).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Only_owners_set_or_remove_it_a_bad_url_is_refused_and_after_removal_nothing_is_sent()
    {
        var owner = await _stack.ClientForAsync("demo-owner");
        var admin = await _stack.ClientForAsync("demo-admin");
        var member = await _stack.ClientForAsync("demo-member");

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PutAsJsonAsync("/api/accounts/demo/webhook", new { url = _receiver.Url })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/accounts/demo/webhook")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.GetAsync("/api/accounts/demo/webhook")).StatusCode);
        foreach (var bad in new[] { "ftp://127.0.0.1/x", "http://user:pass@127.0.0.1/x", "not a url" })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await owner.PutAsJsonAsync("/api/accounts/demo/webhook", new { url = bad })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync("/api/accounts/demo/webhook", new { url = _receiver.Url })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.DeleteAsync("/api/accounts/demo/webhook")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync("/api/accounts/demo/webhook")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.GetAsync("/api/accounts/demo/webhook")).StatusCode);

        await _stack.RequestAsync(Whisper);
        await Task.Delay(TimeSpan.FromSeconds(3)); // a notice is acted on within a second: a removed webhook must stay silent
        Assert.Empty(_receiver.Received);
    }

    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    /// <summary>As a receiver checks it: ES256 over <c>{id}.{timestamp}.{body}</c> with the key the key id names.</summary>
    private static bool Verifies(JsonElement keySet, ReceivedWebhook webhook)
    {
        var jwk = keySet.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("kid").GetString() == webhook.KeyId);
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url(jwk.GetProperty("x").GetString()!), Y = Base64Url(jwk.GetProperty("y").GetString()!) },
        });
        var signature = Convert.FromBase64String(webhook.Signature["es256,".Length..]);
        return webhook.Signature.StartsWith("es256,", StringComparison.Ordinal)
            && key.VerifyData(Encoding.UTF8.GetBytes($"{webhook.Id}.{webhook.Timestamp}.{webhook.Body}"), signature, HashAlgorithmName.SHA256);
    }

    private static byte[] Base64Url(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - text.Length % 4) % 4));
}
