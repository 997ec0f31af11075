using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SkillsOrleans.BrowserTests;

/// <summary>
/// axe-core (deploy/local/test.sh installs it; <c>SKILLSORLEANS_AXE</c> names its script) audits every view of the
/// page against WCAG 2.1 A and AA: each tab as an owner sees it, the fleet view, and the sign-in screen.
/// </summary>
[Collection(AdminPageCollection.Name)]
public sealed class AccessibilityTests(AdminPageFixture fixture)
{
    private static readonly string[] Standards = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static string AxeScript => Environment.GetEnvironmentVariable("SKILLSORLEANS_AXE") is { Length: > 0 } path && File.Exists(path)
        ? path
        : throw new InvalidOperationException("axe-core's axe.min.js not found: set SKILLSORLEANS_AXE (deploy/local/test.sh installs it).");

    [Theory]
    [InlineData("Skills & Credentials")]
    [InlineData("Runtimes")]
    [InlineData("Activity")]
    [InlineData("Members")]
    public async Task Each_tab_of_an_account_meets_wcag_2_1_aa(string tab)
    {
        await fixture.Stack.RequestAsync("notion", "NOTION_API_KEY", "main", "sync meeting notes"); // a pending request shows its form
        await using var session = await SignedInPage.OpenAtAsync(fixture, "demo-owner", "/demo/admin/openclaw", bypassContentSecurityPolicy: true);
        await session.Tab(tab).ClickAsync();
        await Expect(session.Page.Locator("[role=tabpanel]:not([hidden])")).ToBeVisibleAsync();
        await Expect(session.Page.Locator(".live-state")).ToHaveAttributeAsync("data-live", "live");

        AssertNoViolations(await AuditAsync(session.Page));
    }

    [Fact]
    public async Task The_fleet_view_meets_wcag_2_1_aa()
    {
        await using var session = await SignedInPage.OpenAtAsync(fixture, "platform-admin", "/admin/fleet", bypassContentSecurityPolicy: true);
        await Expect(session.Page.Locator($".runtime-table tr[data-runtime='{BrowserStack.Runtime}']")).ToBeVisibleAsync();

        AssertNoViolations(await AuditAsync(session.Page));
    }

    [Fact]
    public async Task The_sign_in_screen_meets_wcag_2_1_aa()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Stack.Address.ToString(), BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/demo/admin/openclaw");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in as demo-admin", Exact = true })).ToBeVisibleAsync();

        AssertNoViolations(await AuditAsync(page));
    }

    [Fact]
    public async Task The_audit_finds_a_violation_when_there_is_one()
    {
        await using var session = await SignedInPage.OpenAtAsync(fixture, "demo-owner", "/demo/admin/openclaw", bypassContentSecurityPolicy: true);
        await session.Page.EvaluateAsync("() => { const input = document.createElement('input'); input.type = 'text'; document.querySelector('main').append(input); }");

        var violations = await AuditAsync(session.Page);

        Assert.Contains(violations, v => v.GetProperty("id").GetString() == "label");
    }

    private static async Task<IReadOnlyList<JsonElement>> AuditAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async (tags) => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary) }));
            }
            """,
            Standards);
        return [.. violations.EnumerateArray()];
    }

    private static void AssertNoViolations(IReadOnlyList<JsonElement> violations) =>
        Assert.True(violations.Count == 0, string.Join("\n", violations.Select(v => v.ToString())));
}
