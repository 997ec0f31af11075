using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SkillsOrleans.BrowserTests;

/// <summary>The Runtimes and Activity tabs, by keyboard, and what an offline runtime looks like.</summary>
[Collection(AdminPageCollection.Name)]
public sealed class RuntimesAndActivityTests(AdminPageFixture fixture)
{
    [Fact]
    public async Task The_tabs_work_by_keyboard_and_show_runtime_state_and_the_trail_newest_first_with_new_rows_live()
    {
        await using var session = await SignedInPage.OpenAsync(fixture, "demo-admin");
        var page = session.Page;

        await session.Tab("Skills & Credentials").FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(session.Tab("Runtimes")).ToBeFocusedAsync();
        await Expect(session.Tab("Runtimes")).ToHaveAttributeAsync("aria-selected", "true");
        var card = page.Locator($".runtime-card[data-runtime='{BrowserStack.Runtime}']");
        await Expect(card.Locator("h3 .badge")).ToHaveTextAsync("online");
        await Expect(card).ToContainTextAsync("Last sync");
        await Expect(card.Locator("dd").Nth(4)).ToHaveTextAsync(AdminPageFixture.Skills.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var summary = page.Locator($".runtime-table tr[data-runtime='{BrowserStack.Runtime}']");
        await Expect(summary).ToHaveAttributeAsync("data-state", "online");
        await Expect(summary.Locator("[data-column='skills']")).ToHaveTextAsync(AdminPageFixture.Skills.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(summary.Locator("[data-column='keys']")).ToContainTextAsync(" pending, ");
        await Screenshots.SaveAsync(page, "runtimes");

        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(session.Tab("Activity")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Locator(".agent-guide")).ToContainTextAsync("openclaw skills install @owner/<slug>");
        await Expect(page.Locator(".agent-guide")).ToContainTextAsync("skill-credentials.mjs request <skill> <KEY>");
        await Expect(page.Locator(".agent-guide")).ToContainTextAsync("requests/skill-credentials/<name>.json");
        var rows = page.Locator(".activity-table tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();

        await fixture.Stack.RequestAsync("goplaces", "GOOGLE_PLACES_API_KEY", "scout", "find lunch nearby");

        await Expect(rows.First).ToContainTextAsync("scout");
        await Expect(rows.First).ToContainTextAsync("asked for a key");
        var ids = await rows.EvaluateAllAsync<long[]>("rows => rows.map(row => Number(row.dataset.activityId))");
        Assert.Equal(ids.OrderByDescending(id => id), ids);
        await Screenshots.SaveAsync(page, "activity");
        session.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Older_activity_is_read_a_page_at_a_time_with_the_cursor_the_previous_page_gave()
    {
        await using var session = await SignedInPage.OpenAsync(fixture, "demo-admin");
        var page = session.Page;
        var asked = new List<string>();
        await page.RouteAsync("**/api/accounts/demo/activity?*", route =>
        {
            asked.Add(new Uri(route.Request.Url).Query);
            var older = route.Request.Url.Contains("before=cursor-1", StringComparison.Ordinal);
            return route.FulfillAsync(new RouteFulfillOptions
            {
                ContentType = "application/json",
                Body = JsonSerializer.Serialize(older
                    ? new { entries = new[] { Entry(1, "credential.requested") }, next = (string?)null }
                    : new { entries = new[] { Entry(3, "credential.revoked"), Entry(2, "credential.submitted") }, next = (string?)"cursor-1" }),
            });
        });
        await page.ReloadAsync(); // signs in again as the user this tab chose
        await session.Tab("Activity").ClickAsync();
        var rows = page.Locator(".activity-table tbody tr");
        await Expect(rows).ToHaveCountAsync(2);

        await page.GetByRole(AriaRole.Button, new() { Name = "Show older activity" }).ClickAsync();

        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Nth(2)).ToContainTextAsync("asked for a key");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Show older activity" })).ToBeHiddenAsync();
        Assert.Contains("?limit=25&before=cursor-1", asked);
        session.AssertNoScriptErrors();
    }

    private static object Entry(long id, string action) => new
    {
        id,
        occurredAt = DateTimeOffset.UtcNow.AddMinutes(-id),
        actor = "main",
        actorKind = "agent",
        action,
        outcome = "accepted",
        runtimeId = BrowserStack.Runtime,
        credentialRef = $"demo/{BrowserStack.Runtime}/trello/TRELLO_API_KEY",
        version = 1,
        fingerprint = (string?)null,
        reason = (string?)null,
        correlationId = (string?)null,
    };

    [Fact]
    public async Task A_runtime_that_goes_offline_shows_a_banner_and_its_inputs_are_disabled_until_it_is_back()
    {
        await fixture.Stack.RequestAsync("notion", "NOTION_API_KEY", "main", "sync meeting notes");
        await using var session = await SignedInPage.OpenAsync(fixture, "demo-admin");
        var page = session.Page;
        var row = session.KeyRow("notion", "NOTION_API_KEY");
        var input = row.Locator("input[type=password]");
        var section = page.Locator($".runtime-section[data-runtime='{BrowserStack.Runtime}']");
        await Expect(input).ToBeEnabledAsync();

        try
        {
            await fixture.Stack.StopRuntimeAsync();

            await Expect(section.Locator("[data-banner='offline']")).ToBeVisibleAsync();
            await Expect(page.Locator("#status")).ToContainTextAsync($"{BrowserStack.Runtime} went offline");
            await Expect(input).ToBeDisabledAsync();
            await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Save key" })).ToBeDisabledAsync();
            await Expect(row.Locator(".hint")).ToContainTextAsync("nothing is queued");
            await Screenshots.SaveAsync(page, "runtime-offline");
            await session.Tab("Runtimes").ClickAsync();
            await Expect(page.Locator($".runtime-card[data-runtime='{BrowserStack.Runtime}'] h3 .badge")).ToHaveTextAsync("offline");
            await Expect(page.Locator($".runtime-table tr[data-runtime='{BrowserStack.Runtime}']")).ToHaveAttributeAsync("data-state", "offline");
        }
        finally
        {
            await fixture.Stack.StartRuntimeAsync(AdminPageFixture.Skills.Count);
        }

        await session.Tab("Skills & Credentials").ClickAsync();
        await Expect(section.Locator("[data-banner='offline']")).ToBeHiddenAsync();
        await Expect(input).ToBeEnabledAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync($"{BrowserStack.Runtime} is back online.");
        session.AssertNoScriptErrors();
    }
}
