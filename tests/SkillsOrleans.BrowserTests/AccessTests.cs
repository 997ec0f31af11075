using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SkillsOrleans.BrowserTests;

/// <summary>What members and other tenants see: the same page read-only, and nothing at all.</summary>
[Collection(AdminPageCollection.Name)]
public sealed class AccessTests(AdminPageFixture fixture)
{
    [Fact]
    public async Task A_member_sees_skills_and_requests_but_no_input_or_action()
    {
        await fixture.Stack.RequestAsync("notion", "NOTION_API_KEY", "main", "sync meeting notes");
        await using var session = await SignedInPage.OpenAsync(fixture, "demo-member");
        var page = session.Page;

        await Expect(session.KeyRow("notion", "NOTION_API_KEY").Locator(".badge")).ToHaveTextAsync("pending");
        await Expect(page.Locator("[data-skill='trello']")).ToBeVisibleAsync();
        await Expect(page.GetByText("You are a member of this account")).ToBeVisibleAsync();
        await Expect(page.Locator("input")).ToHaveCountAsync(0);
        await Expect(page.Locator("form")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Members" })).ToHaveCountAsync(0);
        Assert.DoesNotContain(session.Requests, request => request.Url.EndsWith("/members", StringComparison.Ordinal));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Revoke" })).ToHaveCountAsync(0);
        await Expect(page.Locator(".requests")).ToContainTextAsync("Show NOTION_API_KEY");
        session.AssertNoScriptErrors();
    }

    [Fact]
    public async Task An_admin_of_another_account_sees_nothing_of_it()
    {
        await using var session = await SignedInPage.OpenAsync(fixture, "other-admin");
        var page = session.Page;

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nothing here" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Tab)).ToHaveCountAsync(0);
        var text = await page.Locator("body").InnerTextAsync();
        foreach (var secretOfDemo in new[] { "trello", "notion", BrowserStack.Runtime, "TRELLO_API_KEY", "sha256:" })
        {
            Assert.DoesNotContain(secretOfDemo, text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.All(session.Requests.Where(request => request.Url.Contains("/api/accounts/demo/", StringComparison.Ordinal)),
            request => Assert.EndsWith("/api/accounts/demo/me", request.Url, StringComparison.Ordinal));
        session.AssertNoScriptErrors();
    }
}
