using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SkillsOrleans.BrowserTests;

/// <summary>
/// The fleet view (<c>/admin/fleet</c>): every runtime across accounts for platform administrators, kept current
/// without a reload, and refused to everyone else.
/// </summary>
[Collection(AdminPageCollection.Name)]
public sealed class FleetViewTests(AdminPageFixture fixture)
{
    /// <summary>Bound to account <c>other</c> with no host ever started: the fleet must list it, offline.</summary>
    private const string HostlessRuntime = "other-runtime-1";

    [Fact]
    public async Task A_platform_admin_sees_every_runtime_across_accounts_and_a_runtime_going_offline_turns_offline_live()
    {
        await fixture.Stack.Account("other").BindRuntimeAsync(HostlessRuntime);
        await using var session = await SignedInPage.OpenAtAsync(fixture, "platform-admin", "/admin/fleet");
        var page = session.Page;
        var demoRow = Row(page, BrowserStack.Runtime);
        var hostlessRow = Row(page, HostlessRuntime);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fleet", Exact = true })).ToBeVisibleAsync();
        await Expect(demoRow).ToHaveAttributeAsync("data-state", "online");
        await Expect(demoRow.Locator("[data-column='account'] a")).ToHaveAttributeAsync("href", "/demo/admin/openclaw");
        await Expect(demoRow.Locator("[data-column='skills']")).ToHaveTextAsync(AdminPageFixture.Skills.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(demoRow.Locator("[data-column='last-sync'] time")).ToBeVisibleAsync();
        await Expect(hostlessRow).ToHaveAttributeAsync("data-state", "offline");
        await Expect(hostlessRow.Locator("[data-column='account']")).ToHaveTextAsync("other");
        await Expect(hostlessRow.Locator("[data-column='attention']")).ToContainTextAsync("offline");
        var other = (await fixture.Stack.Account("other").GetAsync())!;
        await Expect(page.Locator(".accounts-table tr[data-account='other'] [data-column='runtimes']")).ToHaveTextAsync(other.Runtimes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator(".accounts-table tr[data-account='other'] [data-column='keys-waiting']")).ToHaveTextAsync("0");

        // The page's key counts are the fleet API's.
        var listed = await FleetEntryAsync(BrowserStack.Runtime);
        var keys = demoRow.Locator("[data-column='keys']");
        await Expect(keys).ToHaveAttributeAsync("data-pending", listed.GetProperty("credentials").GetProperty("pending").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(keys).ToHaveAttributeAsync("data-active", listed.GetProperty("credentials").GetProperty("active").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator(".accounts-table tr[data-account='demo'] [data-column='keys-waiting']"))
            .ToHaveTextAsync(listed.GetProperty("credentials").GetProperty("pending").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Screenshots.SaveAsync(page, "fleet");

        await page.GetByLabel("Filter this page by runtime, account or host").FillAsync("other");
        await Expect(hostlessRow).ToBeVisibleAsync();
        await Expect(demoRow).ToHaveCountAsync(0);
        await page.GetByLabel("Filter this page by runtime, account or host").FillAsync(string.Empty);
        await Expect(demoRow).ToBeVisibleAsync();

        var onlineFigure = page.Locator("[data-figure='online'] dd");
        var onlineBefore = int.Parse(await onlineFigure.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            await fixture.Stack.StopRuntimeAsync();

            await Expect(demoRow).ToHaveAttributeAsync("data-state", "offline");
            await Expect(page.Locator("#status")).ToContainTextAsync($"{BrowserStack.Runtime} (demo) went offline");
            await Expect(onlineFigure).ToHaveTextAsync((onlineBefore - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.GetByLabel("Only runtimes that need attention").CheckAsync();
            await Expect(demoRow).ToBeVisibleAsync();
            await Expect(hostlessRow).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, "fleet-offline");
        }
        finally
        {
            await fixture.Stack.StartRuntimeAsync(AdminPageFixture.Skills.Count);
        }

        await Expect(page.Locator("#status")).ToHaveTextAsync($"{BrowserStack.Runtime} (demo) is back online.");
        await page.GetByLabel("Only runtimes that need attention").UncheckAsync(); // online, it may need nothing
        await Expect(demoRow).ToHaveAttributeAsync("data-state", "online");
        Assert.DoesNotContain(session.Requests, request => request.Method != "GET");
        session.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_fleet_is_shown_a_page_at_a_time_with_figures_for_the_whole_platform()
    {
        await fixture.Stack.Account("other").BindRuntimeAsync("other-runtime-paged");
        using var http = await fixture.Stack.ClientForAsync("platform-admin");
        var summary = await http.GetFromJsonAsync<JsonElement>("/api/platform/fleet/summary");
        var runtimes = (await http.GetFromJsonAsync<JsonElement>("/api/platform/fleet")).EnumerateArray().Select(r => r.GetProperty("runtime").GetString()).ToList();
        Assert.True(runtimes.Count >= 2, "too few runtimes to page");

        await using var session = await SignedInPage.OpenAtAsync(fixture, "platform-admin", "/admin/fleet?page-size=1");
        var page = session.Page;
        var rows = page.Locator(".runtime-table tbody tr[data-runtime]"); // the accounts table shares the class
        var pager = page.GetByRole(AriaRole.Navigation, new() { Name = "Runtimes pages" });
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToHaveAttributeAsync("data-runtime", runtimes[0]!);
        await Expect(pager).ToContainTextAsync($"Runtimes 1\u20131 of {summary.GetProperty("runtimes").GetInt32()}");
        await Expect(page.Locator("[data-figure='runtimes'] dd")).ToHaveTextAsync(summary.GetProperty("runtimes").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("[data-figure='accounts'] dd")).ToHaveTextAsync(summary.GetProperty("accounts").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var oldest = summary.GetProperty("oldestKeyWaitingSince");
        var oldestFigure = page.Locator("[data-figure='oldest-request'] dd");
        if (oldest.ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            await Expect(oldestFigure).ToHaveTextAsync("none");
        }
        else
        {
            // The exact time is the figure's tooltip; the text says how long ago.
            Assert.True(summary.GetProperty("keysWaiting").GetInt32() > 0);
            await Expect(oldestFigure.Locator("time")).ToHaveAttributeAsync("datetime", oldest.GetString()!);
        }

        await Expect(pager.GetByRole(AriaRole.Button, new() { Name = "Previous page" })).ToBeDisabledAsync();

        await pager.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(rows).ToHaveAttributeAsync("data-runtime", runtimes[1]!);
        await Expect(pager).ToContainTextAsync("Runtimes 2\u20132 of");
        await pager.GetByRole(AriaRole.Button, new() { Name = "Previous page" }).ClickAsync();
        await Expect(rows).ToHaveAttributeAsync("data-runtime", runtimes[0]!);

        var accounts = page.GetByRole(AriaRole.Navigation, new() { Name = "Accounts pages" });
        await Expect(page.Locator(".accounts-table tbody tr")).ToHaveCountAsync(1);
        await accounts.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(accounts).ToContainTextAsync("Accounts 2\u20132 of");

        // Each read asks for one page, never the whole list.
        Assert.All(session.Requests.Where(r => r.Url.Contains("/api/platform/fleet?", StringComparison.Ordinal) || r.Url.Contains("/api/platform/accounts", StringComparison.Ordinal)),
            request => Assert.Contains("limit=1", request.Url, StringComparison.Ordinal));
        session.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Only_platform_admins_get_the_fleet_and_only_they_are_offered_the_link()
    {
        await using (var admin = await SignedInPage.OpenAtAsync(fixture, "demo-admin", "/admin/fleet"))
        {
            await Expect(admin.Page.GetByText("The fleet view is for platform administrators.")).ToBeVisibleAsync();
            await Expect(admin.Page.Locator(".runtime-table")).ToHaveCountAsync(0);
            await admin.Page.GotoAsync("/demo/admin/openclaw");
            await Expect(admin.Page.GetByRole(AriaRole.Tab)).ToHaveCountAsync(4);
            await Expect(admin.Page.GetByRole(AriaRole.Link, new() { Name = "Fleet" })).ToHaveCountAsync(0);
            admin.AssertNoScriptErrors();
        }

        using var http = await fixture.Stack.ClientForAsync("demo-admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/platform/fleet")).StatusCode);

        await using var platform = await SignedInPage.OpenAsync(fixture, "platform-admin");
        await platform.Page.GetByRole(AriaRole.Link, new() { Name = "Fleet" }).ClickAsync();
        await Expect(platform.Page).ToHaveURLAsync(new Uri(fixture.Stack.Address, "/admin/fleet").ToString());
        await Expect(Row(platform.Page, BrowserStack.Runtime)).ToBeVisibleAsync();
        platform.AssertNoScriptErrors();

        // The Orleans dashboard opens from the fleet view: the page asks for its session cookie, then goes there.
        await platform.Page.GetByRole(AriaRole.Button, new() { Name = "Orleans dashboard" }).ClickAsync();
        await Expect(platform.Page).ToHaveURLAsync(new Uri(fixture.Stack.Address, "/dashboard/").ToString());
        var cookie = Assert.Single(await platform.Page.Context.CookiesAsync(), c => c.Name == "skillsorleans-dashboard");
        Assert.True(cookie.HttpOnly);
        Assert.Equal("/dashboard", cookie.Path);
        var counters = await platform.Page.Context.APIRequest.GetAsync("/dashboard/DashboardCounters");
        Assert.Equal(200, counters.Status);
        Assert.Equal(401, (await platform.Page.Context.APIRequest.GetAsync("/api/platform/fleet")).Status);
    }

    private static ILocator Row(IPage page, string runtime) => page.Locator($".runtime-table tr[data-runtime='{runtime}']");

    private async Task<JsonElement> FleetEntryAsync(string runtime)
    {
        using var http = await fixture.Stack.ClientForAsync("platform-admin");
        var fleet = await http.GetFromJsonAsync<JsonElement>("/api/platform/fleet");
        return fleet.EnumerateArray().Single(entry => entry.GetProperty("runtime").GetString() == runtime);
    }
}
