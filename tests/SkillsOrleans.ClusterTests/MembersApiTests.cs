using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// <c>/api/accounts/{account}/members</c> and <c>/api/accounts/{account}/settings</c> on the demo stack: owners
/// change, admins read, members are refused, other tenants get the 404 of an unknown account and change nothing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MembersApiTests(DemoStackFixture fixture) : IClassFixture<DemoStackFixture>
{
    private readonly DemoStack _stack = fixture.Stack;

    private async Task<IReadOnlyDictionary<string, MemberRole>> MembersAsync() => (await _stack.Demo.GetAsync())!.Members;

    private static Task<HttpResponseMessage> PutRoleAsync(HttpClient http, string subject, string? role, string account = "demo") =>
        http.PutAsJsonAsync($"/api/accounts/{account}/members/{subject}", new { role });

    [Fact]
    public async Task Owners_and_admins_read_the_members_and_a_member_is_refused()
    {
        var owner = await (await _stack.ClientForAsync("demo-owner")).GetFromJsonAsync<JsonElement>("/api/accounts/demo/members");
        var admin = await (await _stack.ClientForAsync("demo-admin")).GetAsync("/api/accounts/demo/members");
        var member = await (await _stack.ClientForAsync("demo-member")).GetAsync("/api/accounts/demo/members");

        var listed = owner.EnumerateArray().ToDictionary(m => m.GetProperty("subject").GetString()!, m => m.GetProperty("role").GetString());
        Assert.Equal("owner", listed["demo-owner"]);
        Assert.Equal("admin", listed["demo-admin"]);
        Assert.Equal("member", listed["demo-member"]);
        Assert.Equal("demo-owner", owner[0].GetProperty("subject").GetString());
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        await ProblemAssert.IsAsync(HttpStatusCode.Forbidden, member);
    }

    [Theory]
    [InlineData("demo-owner", "owner", true, true)]
    [InlineData("demo-admin", "admin", true, false)]
    [InlineData("demo-member", "member", false, false)]
    public async Task Each_member_learns_its_own_role_and_what_it_may_do(string subject, string role, bool credentials, bool members)
    {
        var access = await (await _stack.ClientForAsync(subject)).GetFromJsonAsync<JsonElement>("/api/accounts/demo/me");

        Assert.Equal("demo", access.GetProperty("account").GetString());
        Assert.Equal(subject, access.GetProperty("subject").GetString());
        Assert.Equal(role, access.GetProperty("role").GetString());
        Assert.Equal(credentials, access.GetProperty("canManageCredentials").GetBoolean());
        Assert.Equal(members, access.GetProperty("canManageMembers").GetBoolean());
    }

    [Fact]
    public async Task Another_tenant_and_a_platform_admin_learn_nothing_of_an_account_they_are_not_members_of()
    {
        foreach (var subject in new[] { "other-admin", "platform-admin" })
        {
            var http = await _stack.ClientForAsync(subject);
            var known = await http.GetAsync("/api/accounts/demo/me");
            var unknown = await http.GetAsync("/api/accounts/no-such-account/me");

            await ProblemAssert.IsAsync(HttpStatusCode.NotFound, known);
            await ProblemAssert.IsAsync(HttpStatusCode.NotFound, unknown);
            Assert.DoesNotContain("role", await known.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_owner_adds_changes_and_removes_a_member()
    {
        var owner = await _stack.ClientForAsync("demo-owner");

        var added = await PutRoleAsync(owner, "user_new.member@example", "member");
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal("member", (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, (await PutRoleAsync(owner, "user_new.member@example", "admin")).StatusCode);
        Assert.Equal(MemberRole.Admin, (await MembersAsync())["user_new.member@example"]);

        var removed = await owner.DeleteAsync("/api/accounts/demo/members/user_new.member@example");
        var again = await owner.DeleteAsync("/api/accounts/demo/members/user_new.member@example");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.False((await MembersAsync()).ContainsKey("user_new.member@example"));
        await ProblemAssert.IsAsync(HttpStatusCode.NotFound, again);
    }

    [Fact]
    public async Task Admins_and_members_cannot_change_members()
    {
        var before = await MembersAsync();

        var responses = new List<HttpResponseMessage>();
        foreach (var subject in new[] { "demo-admin", "demo-member" })
        {
            var http = await _stack.ClientForAsync(subject);
            responses.Add(await PutRoleAsync(http, "intruder", "owner"));
            responses.Add(await PutRoleAsync(http, "demo-member", "admin"));
            responses.Add(await http.DeleteAsync("/api/accounts/demo/members/demo-owner"));
        }

        foreach (var response in responses)
        {
            await ProblemAssert.IsAsync(HttpStatusCode.Forbidden, response);
        }

        Assert.Equal(before.OrderBy(m => m.Key), (await MembersAsync()).OrderBy(m => m.Key));
    }

    [Fact]
    public async Task Another_tenant_gets_the_404_of_an_unknown_account_and_changes_nothing()
    {
        var other = await _stack.ClientForAsync("other-admin");
        var before = await MembersAsync();

        await ProblemAssert.SameAsUnknownAsync(
            await other.GetAsync("/api/accounts/demo/members"), "demo", await other.GetAsync("/api/accounts/no-such-account/members"), "no-such-account");
        await ProblemAssert.SameAsUnknownAsync(
            await PutRoleAsync(other, "other-admin", "owner"), "demo", await PutRoleAsync(other, "other-admin", "owner", "no-such-account"), "no-such-account");
        await ProblemAssert.SameAsUnknownAsync(
            await other.DeleteAsync("/api/accounts/demo/members/demo-owner"), "demo",
            await other.DeleteAsync("/api/accounts/no-such-account/members/demo-owner"), "no-such-account");
        await ProblemAssert.SameAsUnknownAsync(
            await other.PutAsJsonAsync("/api/accounts/demo/settings", new { skillsPocEnabled = false }), "demo",
            await other.PutAsJsonAsync("/api/accounts/no-such-account/settings", new { skillsPocEnabled = false }), "no-such-account");

        Assert.Equal(before.OrderBy(m => m.Key), (await MembersAsync()).OrderBy(m => m.Key));
        Assert.True((await _stack.Demo.GetAsync())!.SkillsPocEnabled);
    }

    [Fact]
    public async Task The_last_owner_can_be_neither_demoted_nor_removed()
    {
        var owner = await _stack.ClientForAsync("demo-owner");

        var demoted = await ProblemAssert.IsAsync(HttpStatusCode.Conflict, await PutRoleAsync(owner, "demo-owner", "admin"));
        var removed = await ProblemAssert.IsAsync(HttpStatusCode.Conflict, await owner.DeleteAsync("/api/accounts/demo/members/demo-owner"));

        Assert.Equal("Last owner", demoted.GetProperty("title").GetString());
        Assert.Contains("last owner", removed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(MemberRole.Owner, (await MembersAsync())["demo-owner"]);

        // With a second owner the rule no longer applies to either of them.
        Assert.Equal(HttpStatusCode.OK, (await PutRoleAsync(owner, "co-owner", "owner")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync("/api/accounts/demo/members/co-owner")).StatusCode);
        Assert.False((await MembersAsync()).ContainsKey("co-owner"));
    }

    [Theory]
    [InlineData("someone", "superuser")]
    [InlineData("someone", "3")]
    [InlineData("someone", null)]
    [InlineData("bad%20subject", "member")]
    public async Task An_invalid_role_or_subject_is_422_and_changes_nothing(string subject, string? role)
    {
        var before = await MembersAsync();

        var response = await PutRoleAsync(await _stack.ClientForAsync("demo-owner"), subject, role);

        await ProblemAssert.IsAsync(HttpStatusCode.UnprocessableEntity, response);
        Assert.Equal(before.OrderBy(m => m.Key), (await MembersAsync()).OrderBy(m => m.Key));
    }

    [Fact]
    public async Task An_owner_switches_the_feature_off_and_back_on_while_everyone_else_then_sees_404()
    {
        var owner = await _stack.ClientForAsync("demo-owner");
        var member = await _stack.ClientForAsync("demo-member");
        try
        {
            var off = await owner.PutAsJsonAsync("/api/accounts/demo/settings", new { skillsPocEnabled = false });
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
            Assert.False((await off.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("skillsPocEnabled").GetBoolean());

            await ProblemAssert.SameAsUnknownAsync(
                await member.GetAsync("/api/accounts/demo/credentials"), "demo", await member.GetAsync("/api/accounts/no-such-account/credentials"), "no-such-account");
            await ProblemAssert.IsAsync(HttpStatusCode.NotFound, await (await _stack.ClientForAsync("demo-admin")).PutAsJsonAsync("/api/accounts/demo/settings", new { skillsPocEnabled = true }));
            Assert.False((await _stack.Demo.GetAsync())!.SkillsPocEnabled);

            var on = await owner.PutAsJsonAsync("/api/accounts/demo/settings", new { skillsPocEnabled = true });
            Assert.Equal(HttpStatusCode.OK, on.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/api/accounts/demo/credentials")).StatusCode);
        }
        finally
        {
            await _stack.Demo.SetSkillsPocEnabledAsync(true);
        }
    }

    [Fact]
    public async Task Admins_and_members_cannot_switch_the_feature()
    {
        var admin = await (await _stack.ClientForAsync("demo-admin")).PutAsJsonAsync("/api/accounts/demo/settings", new { skillsPocEnabled = false });
        var member = await (await _stack.ClientForAsync("demo-member")).PutAsJsonAsync("/api/accounts/demo/settings", new { skillsPocEnabled = false });
        var missing = await (await _stack.ClientForAsync("demo-owner")).PutAsJsonAsync("/api/accounts/demo/settings", new { });

        await ProblemAssert.IsAsync(HttpStatusCode.Forbidden, admin);
        await ProblemAssert.IsAsync(HttpStatusCode.Forbidden, member);
        await ProblemAssert.IsAsync(HttpStatusCode.UnprocessableEntity, missing);
        Assert.True((await _stack.Demo.GetAsync())!.SkillsPocEnabled);
    }
}
