using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using SkillsOrleans.CrashHarness;

namespace SkillsOrleans.StackBench;

/// <summary>
/// The admin page in Chromium on a large account: one runtime host with <c>skills</c> skills, the primary key of each
/// asked for by an agent. <b>First load</b>: a fresh browser context opens the account's page (signed in as its
/// owner through the development sign-in, remembered for the tab as a reload would find it) and is timed until every
/// requested key shows <c>pending</c>. <b>Live update</b>: with the page open, a key is delivered through the API (sealed
/// as the page does) and timed from the API's answer until the page's row shows the new version — the event stream,
/// the page's re-read and its rendering. Each wait checks the count or the version, so an empty page cannot pass.
/// </summary>
public static class PageTimings
{
    private const string DevUserKey = "skillsorleans.dev-user";

    public static async Task<int> RunAsync(int skills, int loads, int updates, TextWriter output)
    {
        var chromium = Environment.GetEnvironmentVariable("SKILLSORLEANS_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        output.WriteLine($"starting the stack: PostgreSQL, 2 core silos, 2 APIs, 1 runtime silo with {skills} skills; Chromium {chromium}");
        await using var stack = await BenchCluster.StartAsync(1, skills, keep: false, output);
        var tenant = stack.Tenants[0];
        var primaries = stack.Keys.Where(key => key.IsPrimaryEnv).ToList();
        await PendingRequests.DropAndWaitAsync(stack, tenant, primaries);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true });
        var api = stack.Apis.Apis[0].Url;
        var path = $"/{tenant.AccountId}/admin/openclaw";

        var firstLoads = new List<double>(loads);
        for (var i = 0; i < loads; i++)
        {
            await using var context = await OpenContextAsync(browser, api, tenant.Owner);
            var page = await context.NewPageAsync();
            var started = Stopwatch.GetTimestamp();
            await page.GotoAsync(path);
            await page.WaitForFunctionAsync(
                "n => document.querySelectorAll('.key-row .badge-pending').length === n", primaries.Count, new() { PollingInterval = 5, Timeout = 60_000 });
            firstLoads.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var liveUpdates = new List<double>(updates);
        var deliveries = new SealedDelivery(stack.Apis);
        await using (var context = await OpenContextAsync(browser, api, tenant.Owner))
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(path);
            await page.WaitForSelectorAsync("[data-live='live']", new() { Timeout = 60_000 });
            for (var i = 0; i < updates; i++)
            {
                var key = primaries[i % primaries.Count];
                var version = i / primaries.Count;
                await deliveries.DeliverAsync(key, version, $"page-{i}");
                var answered = Stopwatch.GetTimestamp();
                await page.WaitForFunctionAsync(
                    "([ref, label]) => document.querySelector(`[data-credential-ref='${ref}'] .badge`)?.textContent === label",
                    new object[] { key.Ref, $"active v{version + 1}" }, new() { PollingInterval = 5, Timeout = 30_000 });
                liveUpdates.Add(Stopwatch.GetElapsedTime(answered).TotalMilliseconds);
            }
        }

        output.WriteLine();
        output.WriteLine("| measured in Chromium | n | p50 ms | p95 ms | p99 ms | max ms |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        Row(output, $"first load: open the page until all {primaries.Count} requested keys show pending", firstLoads);
        Row(output, "live update: API answered a delivery until the page shows the new version", liveUpdates);
        return 0;
    }

    /// <summary>A fresh context whose tab already remembers the development sign-in of <paramref name="subject"/>.</summary>
    private static async Task<IBrowserContext> OpenContextAsync(IBrowser browser, Uri api, string subject)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = api.ToString(), ViewportSize = new() { Width = 1360, Height = 1000 } });
        await context.AddInitScriptAsync($"sessionStorage.setItem('{DevUserKey}', {System.Text.Json.JsonSerializer.Serialize(subject)});");
        return context;
    }

    private static void Row(TextWriter output, string name, List<double> sample) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {sample.Count} | {P(sample, 50):F1} | {P(sample, 95):F1} | {P(sample, 99):F1} | {P(sample, 100):F1} |"));

    private static double P(List<double> sample, double percent) => Percentile.Of(sample, percent)!.Value;
}
