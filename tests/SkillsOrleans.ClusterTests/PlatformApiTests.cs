using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Testing;
using static SkillsOrleans.ClusterTests.DemoStack;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// <c>/api/platform/…</c> on the demo stack, as <c>platform-admin</c> (a platform admin in the API's Development
/// settings) and as everyone else, who gets the policy's 403 and changes nothing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PlatformApiTests(DemoStackFixture fixture) : IClassFixture<DemoStackFixture>
{
    private const string PlatformAdmin = "platform-admin";
    private readonly DemoStack _stack = fixture.Stack;

    private static Task<HttpResponseMessage> CreateAsync(HttpClient http, string accountId, string owner, bool? skillsPocEnabled = null) =>
        http.PostAsJsonAsync("/api/platform/accounts", new { accountId, displayName = "Acme Corp", ownerSubject = owner, skillsPocEnabled });

    private static Task<HttpResponseMessage> BindAsync(HttpClient http, string runtime, string accountId) =>
        http.PutAsJsonAsync($"/api/platform/runtimes/{runtime}/binding", new { accountId });

    private Task<RuntimeDirectoryEntry?> DirectoryAsync(string runtime) => _stack.Core.Grains.GetGrain<IRuntimeDirectoryGrain>(runtime).GetAsync();

    [Fact]
    public async Task A_platform_admin_creates_an_account_its_owner_can_use_at_once()
    {
        var admin = await _stack.ClientForAsync(PlatformAdmin);

        var created = await CreateAsync(admin, "acme", "acme-owner");
        var again = await CreateAsync(admin, "acme", "acme-owner");
        var taken = await CreateAsync(admin, "acme", "somebody-else");
        var read = await admin.GetFromJsonAsync<JsonElement>("/api/platform/accounts/acme");
        var members = await (await _stack.ClientForAsync("acme-owner")).GetFromJsonAsync<JsonElement>("/api/accounts/acme/members");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/platform/accounts/acme", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("Account exists", (await ProblemAssert.IsAsync(HttpStatusCode.Conflict, taken)).GetProperty("title").GetString());
        Assert.Equal(("Acme Corp", true), (read.GetProperty("displayName").GetString(), read.GetProperty("skillsPocEnabled").GetBoolean()));
        var owner = Assert.Single(members.EnumerateArray());
        Assert.Equal(("acme-owner", "owner"), (owner.GetProperty("subject").GetString(), owner.GetProperty("role").GetString()));
        Assert.Null(await _stack.Account("acme").GetRoleAsync("somebody-else"));
    }

    [Theory]
    [InlineData("Not-A-Slug", "owner-1")]
    [InlineData("fine-slug", "bad owner")]
    [InlineData("", "owner-1")]
    public async Task An_invalid_creation_is_422_and_creates_nothing(string accountId, string owner)
    {
        var response = await CreateAsync(await _stack.ClientForAsync(PlatformAdmin), accountId, owner);

        await ProblemAssert.IsAsync(HttpStatusCode.UnprocessableEntity, response);
        Assert.Null(await _stack.Account("fine-slug").GetAsync());
    }

    [Fact]
    public async Task A_platform_admin_switches_the_feature_of_any_account_and_back()
    {
        var admin = await _stack.ClientForAsync(PlatformAdmin);
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(admin, "flagged", "flagged-owner")).StatusCode);
        var owner = await _stack.ClientForAsync("flagged-owner");

        var off = await admin.PutAsJsonAsync("/api/platform/accounts/flagged/settings", new { skillsPocEnabled = false });
        var hidden = await owner.GetAsync("/api/accounts/flagged/members");
        var on = await admin.PutAsJsonAsync("/api/platform/accounts/flagged/settings", new { skillsPocEnabled = true });
        var visible = await owner.GetAsync("/api/accounts/flagged/members");
        var unknown = await admin.PutAsJsonAsync("/api/platform/accounts/no-such-account/settings", new { skillsPocEnabled = true });

        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        await ProblemAssert.IsAsync(HttpStatusCode.NotFound, hidden);
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        Assert.Equal(HttpStatusCode.OK, visible.StatusCode);
        await ProblemAssert.IsAsync(HttpStatusCode.NotFound, unknown);
        Assert.Null(await _stack.Account("no-such-account").GetAsync());
    }

    [Theory]
    [InlineData("demo-owner")]
    [InlineData("other-admin")]
    public async Task Platform_routes_refuse_everyone_else_with_403_and_change_nothing(string subject)
    {
        var http = await _stack.ClientForAsync(subject);
        var directoryBefore = await DirectoryAsync(Runtime);

        HttpResponseMessage[] responses =
        [
            await CreateAsync(http, "sneaky", subject),
            await http.GetAsync("/api/platform/accounts/demo"),
            await http.PutAsJsonAsync("/api/platform/accounts/demo/settings", new { skillsPocEnabled = false }),
            await BindAsync(http, Runtime, "other"),
            await BindAsync(http, "spare-runtime", "other"),
            await http.GetAsync($"/api/platform/runtimes/{Runtime}/binding"),
        ];

        foreach (var response in responses)
        {
            await ProblemAssert.IsAsync(HttpStatusCode.Forbidden, response);
        }

        Assert.Null(await _stack.Account("sneaky").GetAsync());
        Assert.True((await _stack.Demo.GetAsync())!.SkillsPocEnabled);
        Assert.Equal(directoryBefore, await DirectoryAsync(Runtime));
        Assert.Null(await DirectoryAsync("spare-runtime"));
    }

    [Fact]
    public async Task Binding_moves_a_runtime_between_accounts_and_health_follows_the_binding_without_its_host()
    {
        var admin = await _stack.ClientForAsync(PlatformAdmin);
        var member = await _stack.ClientForAsync("demo-member");
        var other = await _stack.ClientForAsync("other-admin");

        var bound = await BindAsync(admin, "spare-runtime-1", "demo");
        var listed = await member.GetFromJsonAsync<JsonElement>("/api/accounts/demo/runtimes");
        var healthInDemo = await member.GetAsync("/api/runtimes/spare-runtime-1/health");
        var moved = await BindAsync(admin, "spare-runtime-1", "other");
        var listedAfter = await member.GetFromJsonAsync<JsonElement>("/api/accounts/demo/runtimes");
        var healthForDemo = await member.GetAsync("/api/runtimes/spare-runtime-1/health");
        var healthForOther = await other.GetAsync("/api/runtimes/spare-runtime-1/health");
        var binding = await admin.GetFromJsonAsync<JsonElement>("/api/platform/runtimes/spare-runtime-1/binding");

        Assert.Equal(HttpStatusCode.OK, bound.StatusCode);
        var spare = listed.EnumerateArray().Single(r => r.GetProperty("runtime").GetString() == "spare-runtime-1");
        Assert.Equal(("offline", JsonValueKind.Null), (spare.GetProperty("state").GetString(), spare.GetProperty("lastRegisteredAt").ValueKind));
        await ProblemAssert.IsAsync(HttpStatusCode.ServiceUnavailable, healthInDemo);
        Assert.Equal("demo", (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("movedFrom").GetString());
        Assert.DoesNotContain(listedAfter.EnumerateArray(), r => r.GetProperty("runtime").GetString() == "spare-runtime-1");
        await ProblemAssert.IsAsync(HttpStatusCode.NotFound, healthForDemo);
        await ProblemAssert.IsAsync(HttpStatusCode.ServiceUnavailable, healthForOther);
        Assert.Equal("other", binding.GetProperty("accountId").GetString());
        Assert.Contains((await _stack.Account("other").GetAsync())!.Runtimes, r => r.RuntimeId == "spare-runtime-1");
    }

    [Fact]
    public async Task A_runtime_whose_online_host_serves_another_account_is_not_bound_elsewhere()
    {
        var admin = await _stack.ClientForAsync(PlatformAdmin);
        var before = await DirectoryAsync(Runtime);

        var conflict = await BindAsync(admin, Runtime, "other");
        var same = await BindAsync(admin, Runtime, "demo");

        await ProblemAssert.IsAsync(HttpStatusCode.Conflict, conflict);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await same.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("movedFrom").ValueKind);
        Assert.Equal("demo", before!.AccountId);
        Assert.Equal(before, await DirectoryAsync(Runtime));
        Assert.DoesNotContain((await _stack.Account("other").GetAsync())!.Runtimes, r => r.RuntimeId == Runtime);
    }

    [Fact]
    public async Task Binding_to_an_unknown_account_is_404_and_a_malformed_runtime_is_422()
    {
        var admin = await _stack.ClientForAsync(PlatformAdmin);

        var unknownAccount = await BindAsync(admin, "spare-runtime-2", "no-such-account");
        var badRuntime = await BindAsync(admin, "Bad_Runtime", "demo");
        var unknownBinding = await admin.GetAsync("/api/platform/runtimes/spare-runtime-2/binding");

        await ProblemAssert.IsAsync(HttpStatusCode.NotFound, unknownAccount);
        await ProblemAssert.IsAsync(HttpStatusCode.UnprocessableEntity, badRuntime);
        await ProblemAssert.IsAsync(HttpStatusCode.NotFound, unknownBinding);
        Assert.Null(await DirectoryAsync("spare-runtime-2"));
    }
}
