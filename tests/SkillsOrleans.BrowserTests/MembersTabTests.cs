using Microsoft.Playwright;
using SkillsOrleans.Contracts.Accounts;
using static Microsoft.Playwright.Assertions;

namespace SkillsOrleans.BrowserTests;

/// <summary>The Members tab: owners change members and roles, admins only read, and the last owner stays.</summary>
[Collection(AdminPageCollection.Name)]
public sealed class MembersTabTests(AdminPageFixture fixture)
{
    private const string Newcomer = "user_newcomer@example";

    [Fact]
    public async Task An_owner_adds_a_member_changes_the_role_and_removes_them_after_confirming()
    {
        await using var session = await SignedInPage.OpenAsync(fixture, "demo-owner");
        var page = session.Page;
        await session.Tab("Members").ClickAsync();
        await Expect(page.Locator("tr[data-member='demo-owner']")).ToContainTextAsync("you");

        await page.GetByLabel("User id").FillAsync(Newcomer);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();

        var row = page.Locator($"tr[data-member='{Newcomer}']");
        await Expect(row.GetByLabel($"Role of {Newcomer}")).ToHaveValueAsync("member");
        await Expect(page.Locator("#status")).ToHaveTextAsync($"Added {Newcomer} as member.");
        Assert.Equal(MemberRole.Member, (await fixture.Stack.Demo.GetAsync())!.Members[Newcomer]);

        await row.GetByLabel($"Role of {Newcomer}").SelectOptionAsync("admin");
        await Expect(page.Locator("#status")).ToHaveTextAsync($"{Newcomer} is now admin.");
        Assert.Equal(MemberRole.Admin, (await fixture.Stack.Demo.GetAsync())!.Members[Newcomer]);
        await Screenshots.SaveAsync(page, "members");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Remove {Newcomer}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(row).ToBeVisibleAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = $"Remove {Newcomer}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove member" }).ClickAsync();

        await Expect(row).ToHaveCountAsync(0);
        Assert.False((await fixture.Stack.Demo.GetAsync())!.Members.ContainsKey(Newcomer));
        session.AssertNoScriptErrors();
    }

    [Fact]
    public async Task An_owner_sets_the_webhook_an_admin_sees_where_it_goes_without_its_token_and_the_owner_removes_it()
    {
        const string url = "http://127.0.0.1:9/hooks/receivers-own-token";
        await using (var owner = await SignedInPage.OpenAsync(fixture, "demo-owner"))
        {
            await owner.Tab("Members").ClickAsync();
            var section = owner.Page.Locator("section.webhook");
            await Expect(section).ToContainTextAsync("No webhook is set.");

            await section.GetByLabel("Webhook URL").FillAsync(url);
            await section.GetByRole(AriaRole.Button, new() { Name = "Save webhook" }).ClickAsync();

            await Expect(section.Locator(".webhook-status")).ToContainTextAsync("Sending to http://127.0.0.1:9");
            await Expect(section.GetByLabel("Webhook URL")).ToHaveValueAsync("");
            Assert.DoesNotContain("receivers-own-token", await owner.Page.ContentAsync(), StringComparison.Ordinal);
            owner.AssertNoScriptErrors();
        }

        await using (var admin = await SignedInPage.OpenAsync(fixture, "demo-admin"))
        {
            await admin.Tab("Members").ClickAsync();
            var section = admin.Page.Locator("section.webhook");
            await Expect(section.Locator(".webhook-status")).ToContainTextAsync("Sending to http://127.0.0.1:9");
            await Expect(section.GetByRole(AriaRole.Button, new() { Name = "Save webhook" })).ToBeHiddenAsync();
            await Expect(section.GetByRole(AriaRole.Button, new() { Name = "Remove webhook" })).ToBeHiddenAsync();
        }

        await using (var owner = await SignedInPage.OpenAsync(fixture, "demo-owner"))
        {
            await owner.Tab("Members").ClickAsync();
            var section = owner.Page.Locator("section.webhook");
            await section.GetByRole(AriaRole.Button, new() { Name = "Remove webhook" }).ClickAsync();
            await owner.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Remove webhook" }).ClickAsync();
            await Expect(section).ToContainTextAsync("No webhook is set.");
            Assert.Null(await fixture.Stack.Core.Grains.GetGrain<Contracts.Webhooks.IAccountWebhookGrain>("demo").GetAsync());
        }
    }

    [Fact]
    public async Task An_owner_stepping_down_is_asked_first_and_the_last_owner_is_refused_with_the_role_shown_unchanged()
    {
        await using var session = await SignedInPage.OpenAsync(fixture, "demo-owner");
        var page = session.Page;
        await session.Tab("Members").ClickAsync();
        var self = page.Locator("tr[data-member='demo-owner']").GetByLabel("Role of demo-owner");

        await self.SelectOptionAsync("admin");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(self).ToHaveValueAsync("owner");
        Assert.DoesNotContain(session.Requests, request => request.Method == "PUT");

        await self.SelectOptionAsync("admin");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Become admin" }).ClickAsync();

        await Expect(page.Locator(".members > .row-message")).ToContainTextAsync("Not changed:");
        await Expect(self).ToHaveValueAsync("owner");
        Assert.Equal(MemberRole.Owner, (await fixture.Stack.Demo.GetAsync())!.Members["demo-owner"]);
        session.AssertNoScriptErrors();
    }

    [Fact]
    public async Task An_admin_reads_the_members_without_any_control()
    {
        await using var session = await SignedInPage.OpenAsync(fixture, "demo-admin");
        var page = session.Page;
        await session.Tab("Members").ClickAsync();

        await Expect(page.Locator("tr[data-member='demo-owner']")).ToContainTextAsync("owner");
        await Expect(page.Locator("tr[data-member='demo-admin']")).ToContainTextAsync("you");
        await Expect(page.Locator(".members table select")).ToHaveCountAsync(0);
        await Expect(page.Locator(".members form.add-member")).ToBeHiddenAsync();
        await Expect(page.Locator(".members table button")).ToHaveCountAsync(0);
        session.AssertNoScriptErrors();
    }
}
