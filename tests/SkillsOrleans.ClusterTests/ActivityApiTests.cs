using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SkillsOrleans.Contracts.Identifiers;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary><c>GET /api/accounts/{account}/activity</c> over HTTP against the rows the grains wrote.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ActivityApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly CredentialRef WhisperKey = new("demo", DemoStack.Runtime, "openai-whisper-api", "OPENAI_API_KEY");
    private DemoStack _stack = null!;

    public async Task InitializeAsync()
    {
        _stack = await DemoStack.StartAsync(postgres, "activity");
        await _stack.RequestAsync(WhisperKey);
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task Members_read_the_trail_newest_first_page_by_page_with_the_submission_s_fingerprint_and_trace_id()
    {
        var admin = await _stack.ClientForAsync("demo-admin");
        var submitted = await (await admin.PostAsJsonAsync("/admin/skills/credentials",
            new { accountId = "demo", credentialRef = WhisperKey.ToString(), secret = "sk-activity", expectedVersion = 0 })).Content.ReadFromJsonAsync<JsonElement>();
        var member = await _stack.ClientForAsync("demo-member");

        var first = await member.GetFromJsonAsync<JsonElement>("/api/accounts/demo/activity?limit=1");
        var second = await member.GetFromJsonAsync<JsonElement>($"/api/accounts/demo/activity?limit=1&before={first.GetProperty("next").GetString()}");

        var newest = Assert.Single(first.GetProperty("entries").EnumerateArray());
        Assert.Equal(
            ("credential.submitted", "accepted", "demo-admin", "user", 1, submitted.GetProperty("fingerprint").GetString()),
            (newest.GetProperty("action").GetString(), newest.GetProperty("outcome").GetString(), newest.GetProperty("actor").GetString(),
             newest.GetProperty("actorKind").GetString(), newest.GetProperty("version").GetInt32(), newest.GetProperty("fingerprint").GetString()));
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", newest.GetProperty("correlationId").GetString());

        var older = Assert.Single(second.GetProperty("entries").EnumerateArray());
        Assert.Equal(("credential.requested", "main", "agent"),
            (older.GetProperty("action").GetString(), older.GetProperty("actor").GetString(), older.GetProperty("actorKind").GetString()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        Assert.DoesNotContain("sk-activity", first.GetRawText() + second.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenant_gets_404_before_its_query_is_even_judged_and_a_bad_cursor_is_400()
    {
        var other = await _stack.ClientForAsync("other-admin");
        var member = await _stack.ClientForAsync("demo-member");

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/accounts/demo/activity")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/accounts/demo/activity?before=nonsense&limit=0")).StatusCode);
        var bad = await member.GetAsync("/api/accounts/demo/activity?before=nonsense&limit=500");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("before", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _));
    }
}
