using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SkillsOrleans.Model.Identifiers;
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
        var rest = await member.GetFromJsonAsync<JsonElement>($"/api/accounts/demo/activity?limit=200&before={second.GetProperty("next").GetString()}");
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next").ValueKind);
        var oldest = rest.GetProperty("entries").EnumerateArray().Last();
        Assert.Equal(("account.created", "skillsorleans", "system"),
            (oldest.GetProperty("action").GetString(), oldest.GetProperty("actor").GetString(), oldest.GetProperty("actorKind").GetString()));
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

    [Fact]
    public async Task A_member_change_is_recorded_under_the_owner_s_name_and_refused_when_its_row_cannot_be_written()
    {
        var owner = await _stack.ClientForAsync("demo-owner");
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync("/api/accounts/demo/members/new-admin", new { role = "admin" })).StatusCode);

        await AuditRowRefusal.RefuseAsync(_stack.Database, "member.set");
        var refused = await owner.PutAsJsonAsync("/api/accounts/demo/members/unrecorded", new { role = "member" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("audit record could not be written", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("unrecorded", (await _stack.Demo.GetAsync())!.Members.Keys);
        var newest = (await owner.GetFromJsonAsync<JsonElement>("/api/accounts/demo/activity?limit=1")).GetProperty("entries")[0];
        Assert.Equal(("member.set", "demo-owner", "user", "new-admin is admin"),
            (newest.GetProperty("action").GetString(), newest.GetProperty("actor").GetString(),
             newest.GetProperty("actorKind").GetString(), newest.GetProperty("reason").GetString()));
    }
}
