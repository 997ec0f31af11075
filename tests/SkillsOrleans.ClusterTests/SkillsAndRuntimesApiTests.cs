using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;
using static SkillsOrleans.ClusterTests.DemoStack;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// The account's skills and runtimes over HTTP: <c>/api/accounts/{account}/skills</c>, <c>…/runtimes</c>,
/// <c>…/runtimes/{runtime}/sealing-key</c> and <c>/api/runtimes/{runtime}/health</c>, on the demo stack.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SkillsAndRuntimesApiTests(DemoStackFixture fixture) : IClassFixture<DemoStackFixture>
{
    private static readonly CredentialRef TrelloKey = new("demo", Runtime, "trello", "TRELLO_API_KEY");
    private readonly DemoStack _stack = fixture.Stack;

    [Fact]
    public async Task Members_see_the_published_skills_with_the_status_of_each_key_they_need()
    {
        await _stack.DemoCredentials.RequestCredentialAsync(TrelloKey, new CredentialRequest("main", "boards"));

        var skills = await (await _stack.ClientForAsync("demo-member")).GetFromJsonAsync<JsonElement>("/api/accounts/demo/skills");

        Assert.Equal(2, skills.GetArrayLength());
        var trello = skills.EnumerateArray().Single(s => s.GetProperty("skillKey").GetString() == "trello");
        Assert.Equal((Runtime, "trello", "Manage Trello boards.", "TRELLO_API_KEY"), (
            trello.GetProperty("runtime").GetString(), trello.GetProperty("name").GetString(),
            trello.GetProperty("description").GetString(), trello.GetProperty("primaryEnv").GetString()));
        Assert.Equal(["TRELLO_API_KEY", "TRELLO_TOKEN"], trello.GetProperty("requiredEnv").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, trello.GetProperty("parseError").ValueKind);
        var keys = trello.GetProperty("keys").EnumerateArray()
            .ToDictionary(k => k.GetProperty("keyName").GetString()!, k => (k.GetProperty("status").GetString(), k.GetProperty("credentialRef").GetString()));
        Assert.Equal(("pending", TrelloKey.ToString()), keys["TRELLO_API_KEY"]);
        Assert.Equal(("not-requested", $"demo/{Runtime}/trello/TRELLO_TOKEN"), keys["TRELLO_TOKEN"]);

        var broken = skills.EnumerateArray().Single(s => s.GetProperty("folder").GetString() == "broken");
        Assert.Contains("frontmatter", broken.GetProperty("parseError").GetString(), StringComparison.Ordinal);
        Assert.Empty(broken.GetProperty("keys").EnumerateArray());
    }

    [Fact]
    public async Task Members_see_the_bound_runtimes_with_their_host_and_that_it_is_online()
    {
        var runtimes = await (await _stack.ClientForAsync("demo-member")).GetFromJsonAsync<JsonElement>("/api/accounts/demo/runtimes");

        var runtime = Assert.Single(runtimes.EnumerateArray());
        Assert.Equal((Runtime, "online", Environment.MachineName), (
            runtime.GetProperty("runtime").GetString(), runtime.GetProperty("state").GetString(), runtime.GetProperty("hostName").GetString()));
        Assert.True(runtime.GetProperty("boundAt").GetDateTimeOffset() <= runtime.GetProperty("lastRegisteredAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_member_gets_the_host_s_public_sealing_key_in_a_form_webcrypto_imports()
    {
        var response = await (await _stack.ClientForAsync("demo-member")).GetAsync($"/api/accounts/demo/runtimes/{Runtime}/sealing-key");
        var unbound = await (await _stack.ClientForAsync("demo-member")).GetAsync("/api/accounts/demo/runtimes/not-bound-here/sealing-key");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var key = await response.Content.ReadFromJsonAsync<JsonElement>();
        var expected = await _stack.Core.Grains.GetGrain<IRuntimeGrain>(Runtime).GetSealingKeyAsync();
        Assert.Equal((expected.Kid, expected.Spki), (key.GetProperty("kid").GetString(), key.GetProperty("spki").GetString()));
        Assert.Equal(("EC", "P-256", expected.Jwk.X), (
            key.GetProperty("jwk").GetProperty("kty").GetString(), key.GetProperty("jwk").GetProperty("crv").GetString(),
            key.GetProperty("jwk").GetProperty("x").GetString()));
        using var imported = ECDiffieHellman.Create();
        imported.ImportSubjectPublicKeyInfo(Convert.FromBase64String(key.GetProperty("spki").GetString()!), out _);
        await ProblemAssert.IsAsync(HttpStatusCode.NotFound, unbound);
    }

    [Fact]
    public async Task Runtime_health_answers_members_of_its_account_and_nobody_else()
    {
        var health = await (await _stack.ClientForAsync("demo-member")).GetFromJsonAsync<JsonElement>($"/api/runtimes/{Runtime}/health");
        var other = await _stack.ClientForAsync("other-admin");
        var anonymous = await _stack.Api.CreateClient().GetAsync($"/api/runtimes/{Runtime}/health");

        Assert.Equal((Runtime, "demo"), (
            health.GetProperty("runtime").GetProperty("runtimeId").GetString(), health.GetProperty("runtime").GetProperty("accountId").GetString()));
        Assert.Equal((2, 1), (
            health.GetProperty("skillSync").GetProperty("skills").GetInt32(), health.GetProperty("skillSync").GetProperty("brokenSkills").GetInt32()));
        Assert.StartsWith("sha256:", health.GetProperty("sealingKeyFingerprint").GetString(), StringComparison.Ordinal);
        await ProblemAssert.SameAsUnknownAsync(
            await other.GetAsync($"/api/runtimes/{Runtime}/health"), Runtime, await other.GetAsync("/api/runtimes/no-such-runtime/health"), "no-such-runtime");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory]
    [InlineData("/skills")]
    [InlineData("/runtimes")]
    [InlineData($"/runtimes/{Runtime}/sealing-key")]
    public async Task Another_tenant_gets_the_404_of_an_unknown_account_and_learns_nothing(string path)
    {
        var other = await _stack.ClientForAsync("other-admin");
        var before = await _stack.Demo.GetAsync();

        var refused = await other.GetAsync("/api/accounts/demo" + path);
        var unknown = await other.GetAsync("/api/accounts/no-such-account" + path);

        await ProblemAssert.SameAsUnknownAsync(refused, "demo", unknown, "no-such-account");
        var body = await refused.Content.ReadAsStringAsync();
        Assert.DoesNotContain("trello", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Runtime, body, StringComparison.Ordinal);
        var after = await _stack.Demo.GetAsync();
        Assert.Equal(before!.Runtimes, after!.Runtimes);
        Assert.Equal(before.Members.OrderBy(m => m.Key), after.Members.OrderBy(m => m.Key));
    }

    [Fact]
    public async Task A_runtime_bound_elsewhere_is_an_unknown_runtime_in_this_account()
    {
        var other = await _stack.ClientForAsync("other-admin");

        await ProblemAssert.SameAsUnknownAsync(
            await other.GetAsync($"/api/accounts/other/runtimes/{Runtime}/sealing-key"), Runtime,
            await other.GetAsync("/api/accounts/other/runtimes/no-such-runtime/sealing-key"), "no-such-runtime");
    }

    [Fact]
    public async Task With_the_runtime_s_silo_stopped_health_and_key_are_503_and_the_listings_answer_at_once()
    {
        var member = await _stack.ClientForAsync("demo-member");
        await _stack.StopRuntimeAsync();
        try
        {
            var health = await member.GetAsync($"/api/runtimes/{Runtime}/health");
            var key = await member.GetAsync($"/api/accounts/demo/runtimes/{Runtime}/sealing-key");
            var timer = Stopwatch.StartNew();
            var runtimes = await member.GetFromJsonAsync<JsonElement>("/api/accounts/demo/runtimes");
            var skills = await member.GetFromJsonAsync<JsonElement>("/api/accounts/demo/skills");
            timer.Stop();

            var problem = await ProblemAssert.IsAsync(HttpStatusCode.ServiceUnavailable, health);
            Assert.Contains("offline", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromSeconds(30), health.Headers.RetryAfter?.Delta);
            await ProblemAssert.IsAsync(HttpStatusCode.ServiceUnavailable, key);
            Assert.Equal("offline", Assert.Single(runtimes.EnumerateArray()).GetProperty("state").GetString());
            Assert.Equal(2, skills.GetArrayLength());
            Assert.True(timer.Elapsed < TimeSpan.FromSeconds(2), $"listings took {timer.Elapsed}");
        }
        finally
        {
            await _stack.StartRuntimeAsync();
        }
    }
}
