using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SkillsOrleans.BrowserTests;

/// <summary>
/// What the admin reads when the API refuses a key: each refusal is played back to the page (the browser's request is
/// answered by the test, as the API would answer it), so every case is shown without arranging it in the cluster.
/// </summary>
[Collection(AdminPageCollection.Name)]
public sealed class WriteOutcomeTests(AdminPageFixture fixture)
{
    public static TheoryData<int, string, string?, string> Refusals => new()
    {
        { 409, "Version conflict", null, "Not saved: Expected version 0, found 1. The list was refreshed; check NOTION_API_KEY and try again." },
        { 422, "Sealed secret refused", null, "Not saved: The runtime refused the sealed secret (Expired)." },
        { 429, "Too many requests", "2", "Not saved: too many changes in a short time. Nothing was done; try again in 2 s." },
        { 503, "Runtime offline", "30", $"Not saved: runtime {BrowserStack.Runtime} is offline or not answering. Nothing was stored or queued; try again when it is back." },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_key_is_explained_next_to_it_and_in_the_status_line(int status, string title, string? retryAfter, string message)
    {
        await fixture.Stack.RequestAsync("notion", "NOTION_API_KEY", "main", "sync meeting notes");
        await using var session = await SignedInPage.OpenAsync(fixture, "demo-admin");
        var page = session.Page;
        var detail = status switch
        {
            409 => "Expected version 0, found 1.",
            422 => "The runtime refused the sealed secret (Expired).",
            _ => "refused",
        };
        await page.RouteAsync($"**/api/accounts/demo/credentials/{BrowserStack.Runtime}/notion/NOTION_API_KEY", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = status,
            ContentType = "application/problem+json",
            Headers = retryAfter is null ? [] : new Dictionary<string, string> { ["Retry-After"] = retryAfter },
            Body = JsonSerializer.Serialize(new { status, title, detail }),
        }));
        var row = session.KeyRow("notion", "NOTION_API_KEY");
        var save = row.GetByRole(AriaRole.Button, new() { Name = "Save key" });

        await row.Locator("input[type=password]").FillAsync("refused-value");
        await save.ClickAsync();

        await Expect(row.Locator(".row-message")).ToHaveTextAsync(message);
        if (status != 503)
        {
            // After a 503 the page re-reads the runtimes at once; this one is in fact online, which it then announces.
            await Expect(page.Locator("#status")).ToHaveTextAsync(message);
        }

        await Expect(row.Locator("input[type=password]")).ToHaveValueAsync("");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("pending");
        if (status == 429)
        {
            await Expect(save).ToBeDisabledAsync();
            await Expect(save).ToBeEnabledAsync(new() { Timeout = 5_000 });
        }

        session.AssertNoScriptErrors();
    }
}
