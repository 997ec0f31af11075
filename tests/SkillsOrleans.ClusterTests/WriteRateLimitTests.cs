using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SkillsOrleans.Contracts.Credentials;

namespace SkillsOrleans.ClusterTests;

/// <summary>The per-caller write limit, through the API with real tokens, against a runtime silo on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class WriteRateLimitTests(DemoStackFixture fixture) : IClassFixture<DemoStackFixture>
{
    private readonly DemoStack _stack = fixture.Stack;

    [Fact]
    public async Task A_caller_past_its_write_limit_gets_429_with_Retry_After_while_its_reads_and_other_callers_go_on()
    {
        var key = await _stack.RequestAsync("openai-whisper-api", "OPENAI_API_KEY");
        var canary = "sk-canary-" + Guid.NewGuid().ToString("N");
        await using var api = _stack.CreateApi(new Dictionary<string, string>
        {
            ["RateLimits:WritesPerMinute"] = "1",
            ["RateLimits:WriteBurst"] = "2",
        });
        var admin = await DemoStack.ClientForAsync(api, "demo-admin");
        var owner = await DemoStack.ClientForAsync(api, "demo-owner");

        // Every write counts, whatever it answers: two refused bodies use up the admin's burst.
        var first = await SubmitAsync(admin, key.ToString(), secret: "");
        var second = await SubmitAsync(admin, key.ToString(), secret: "");
        var limited = await SubmitAsync(admin, key.ToString(), canary);
        var reads = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            reads.Add((await admin.GetAsync("/api/accounts/demo/credentials")).StatusCode);
        }

        var credentialAfterLimit = await _stack.DemoCredentials.GetCredentialAsync(key);
        var byOwner = await SubmitAsync(owner, key.ToString(), canary);

        Assert.Equal((HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity), (first.StatusCode, second.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        var problem = await limited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal((CredentialStatus.Pending, 0), (credentialAfterLimit.Status, credentialAfterLimit.Version));
        Assert.All(reads, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        Assert.True(_stack.HostHolds(canary), "the other caller's write was limited too");
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient http, string credentialRef, string secret) =>
        http.PostAsJsonAsync("/admin/skills/credentials", new { accountId = "demo", credentialRef, secret, expectedVersion = 0 });
}
