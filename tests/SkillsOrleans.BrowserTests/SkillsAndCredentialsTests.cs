using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SkillsOrleans.Testing;
using static Microsoft.Playwright.Assertions;

namespace SkillsOrleans.BrowserTests;

/// <summary>An admin at work on the Skills &amp; Credentials tab: requests arrive live, keys are sealed in the browser.</summary>
[Collection(AdminPageCollection.Name)]
public sealed class SkillsAndCredentialsTests(AdminPageFixture fixture)
{
    [Fact]
    public async Task A_request_file_shows_up_live_and_a_key_sealed_in_the_browser_becomes_active_on_the_host_only()
    {
        var canary = "trello-key-" + Guid.NewGuid().ToString("N");
        await using var session = await SignedInPage.OpenAsync(fixture, "demo-admin");
        var page = session.Page;
        var row = session.KeyRow("trello", "TRELLO_API_KEY");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("missing");
        // Announcements are for events seen live: a request handled before the stream is up arrives by the stream's
        // first sync instead, shown but not announced.
        await Expect(page.Locator(".live-state")).ToHaveAttributeAsync("data-live", "live");
        await page.EvaluateAsync("() => { window.notReloaded = true; }");

        await fixture.Stack.DropRequestFileAsync("trello-api-key", "trello", "TRELLO_API_KEY", "main", "read the sprint board");

        await Expect(row.Locator(".badge")).ToHaveTextAsync("pending");
        await Expect(page.Locator("#status")).ToHaveTextAsync("Agent main asks for TRELLO_API_KEY (trello on demo-runtime-1).");
        await Expect(row).ToContainTextAsync("Requested by agent main");
        await Expect(row).ToContainTextAsync("read the sprint board");
        await Expect(page.Locator(".requests")).ToContainTextAsync("TRELLO_API_KEY for trello");
        var input = page.GetByLabel($"New value for TRELLO_API_KEY of trello on {BrowserStack.Runtime}");
        await Expect(input).ToHaveAttributeAsync("type", "password");
        await Expect(input).ToHaveAttributeAsync("autocomplete", "new-password");
        await Expect(input).ToHaveAttributeAsync("spellcheck", "false");
        await Expect(row.Locator(".hint")).ToContainTextAsync("sha256:");
        await Screenshots.SaveAsync(page, "skills-request-pending");
        await page.GetByRole(AriaRole.Button, new() { Name = "Provide TRELLO_API_KEY" }).ClickAsync();
        await Expect(input).ToBeFocusedAsync();

        await input.FillAsync(canary);
        await row.GetByRole(AriaRole.Button, new() { Name = "Save key" }).ClickAsync();

        await Expect(row.Locator(".badge")).ToHaveTextAsync("active v1");
        await Expect(input).ToHaveValueAsync("");
        await Expect(page.Locator("#status")).ToContainTextAsync("TRELLO_API_KEY is active v1");
        await Eventually.TrueAsync(() => Task.FromResult(fixture.Stack.HostHolds(canary)));
        await Expect(page.Locator($".runtime-section[data-runtime='{BrowserStack.Runtime}'] [data-notice='gateway-reload']")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page must update without a reload");
        await Screenshots.SaveAsync(page, "skills-and-credentials");

        var submission = Assert.Single(session.Requests, request => request.Method == "POST" && request.Url.EndsWith($"/api/accounts/demo/credentials/{BrowserStack.Runtime}/trello/TRELLO_API_KEY", StringComparison.Ordinal));
        using var body = JsonDocument.Parse(submission.Body!);
        Assert.False(body.RootElement.TryGetProperty("secret", out _));
        var sealedSecret = body.RootElement.GetProperty("sealedSecret");
        Assert.Equal((1, "demo/demo-runtime-1/trello/TRELLO_API_KEY"), (sealedSecret.GetProperty("version").GetInt32(), sealedSecret.GetProperty("credentialRef").GetString()));
        Assert.Equal(0, body.RootElement.GetProperty("expectedVersion").GetInt32());
        Assert.DoesNotContain(session.Requests, request => request.Carries(canary));
        Assert.DoesNotContain(canary, await page.ContentAsync(), StringComparison.Ordinal);
        session.AssertNoScriptErrors();
    }

    [Fact]
    public async Task An_admin_provides_a_key_no_agent_asked_for_and_it_becomes_active_on_the_host()
    {
        await using var skill = await TemporarySkill.InstallAsync(fixture.Stack, Path.Combine(fixture.Stack.Workspace, "skills"), "forecast-ahead", "FORECAST_AHEAD_KEY");
        var canary = "forecast-ahead-" + Guid.NewGuid().ToString("N");
        await using var session = await SignedInPage.OpenAsync(fixture, "demo-admin");
        var page = session.Page;
        var row = session.KeyRow("forecast-ahead", "FORECAST_AHEAD_KEY");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("missing");
        await Expect(row).ToContainTextAsync("provide it ahead of a request");

        await row.GetByLabel($"New value for FORECAST_AHEAD_KEY of forecast-ahead on {BrowserStack.Runtime}").FillAsync(canary);
        await row.GetByRole(AriaRole.Button, new() { Name = "Save key" }).ClickAsync();

        await Expect(row.Locator(".badge")).ToHaveTextAsync("active v1");
        await Eventually.TrueAsync(() => Task.FromResult(fixture.Stack.HostHolds(canary)));
        Assert.Single(session.Requests, request => request.Method == "POST"
            && request.Url.EndsWith($"/api/accounts/demo/credentials/{BrowserStack.Runtime}/forecast-ahead/FORECAST_AHEAD_KEY/provision", StringComparison.Ordinal));
        Assert.DoesNotContain(session.Requests, request => request.Carries(canary));
        var credential = await fixture.Stack.DemoCredentials.GetCredentialAsync(BrowserStack.KeyOf("forecast-ahead", "FORECAST_AHEAD_KEY"));
        Assert.Equal((null, "demo-admin"), (credential.RequestedByAgent, credential.UpdatedBy));
        session.AssertNoScriptErrors();
    }

    [Fact]
    public async Task An_admin_declines_a_request_with_a_reason_the_agent_reads_on_its_host_and_can_still_provide_the_key()
    {
        await using var skill = await TemporarySkill.InstallAsync(fixture.Stack, Path.Combine(fixture.Stack.Workspace, "skills"), "decline-me", "DECLINE_ME_KEY");
        var note = Path.Combine(fixture.Stack.Workspace, "requests", "skill-credentials", "decisions", "decline-me--DECLINE_ME_KEY.json");
        await using var session = await SignedInPage.OpenAsync(fixture, "demo-admin");
        var page = session.Page;
        var row = session.KeyRow("decline-me", "DECLINE_ME_KEY");
        await fixture.Stack.DropRequestFileAsync("decline-me", "decline-me", "DECLINE_ME_KEY", "main", "try the new tool");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("pending");

        await row.GetByRole(AriaRole.Button, new() { Name = "Decline request" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Decline request" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Write a reason first.");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("pending");
        await dialog.GetByLabel("Reason the agent will read (never a secret)").FillAsync("Not approved for this team yet.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Decline request" }).ClickAsync();

        await Expect(row.Locator(".badge")).ToHaveTextAsync("declined");
        await Expect(row).ToContainTextAsync("\u201cNot approved for this team yet.\u201d");
        await Eventually.TrueAsync(() => Task.FromResult(File.Exists(note)));
        using (var noted = JsonDocument.Parse(File.ReadAllText(note)))
        {
            Assert.Equal(("declined", "Not approved for this team yet."),
                (noted.RootElement.GetProperty("decision").GetString(), noted.RootElement.GetProperty("reason").GetString()));
        }

        await session.Tab("Activity").ClickAsync();
        await Expect(page.Locator(".activity-table tbody")).ToContainTextAsync("declined a key request");
        await session.Tab("Skills & Credentials").ClickAsync();

        // The admin changes their mind: the key is opened again and delivered, and the note goes.
        var canary = "decline-me-" + Guid.NewGuid().ToString("N");
        await row.GetByLabel($"New value for DECLINE_ME_KEY of decline-me on {BrowserStack.Runtime}").FillAsync(canary);
        await row.GetByRole(AriaRole.Button, new() { Name = "Save key" }).ClickAsync();
        await Expect(row.Locator(".badge")).ToHaveTextAsync("active v1");
        await Eventually.TrueAsync(() => Task.FromResult(fixture.Stack.HostHolds(canary) && !File.Exists(note)));
        session.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_managed_skill_of_the_gateway_is_listed_with_its_source_and_its_key_can_be_provided()
    {
        await using var skill = await TemporarySkill.InstallAsync(fixture.Stack, Path.Combine(fixture.Stack.StateDir, "skills"), "shared-forecast", "SHARED_FORECAST_KEY");
        await using var session = await SignedInPage.OpenAsync(fixture, "demo-admin");
        var card = session.Page.Locator("article.skill-card[data-skill='shared-forecast']");

        await Expect(card).ToHaveAttributeAsync("data-source", "openclaw-managed");
        await Expect(card.Locator("h3 .tag")).ToHaveTextAsync("managed");
        await Expect(card.Locator("h3 .tag")).ToHaveAttributeAsync("title", "From the gateway\u2019s managed skills folder, shared by all its agents");
        await Expect(session.Page.Locator("article.skill-card[data-skill='trello'] h3 .tag")).ToHaveCountAsync(0);
        var canary = "shared-forecast-" + Guid.NewGuid().ToString("N");
        var row = session.KeyRow("shared-forecast", "SHARED_FORECAST_KEY");
        await row.GetByLabel($"New value for SHARED_FORECAST_KEY of shared-forecast on {BrowserStack.Runtime}").FillAsync(canary);
        await row.GetByRole(AriaRole.Button, new() { Name = "Save key" }).ClickAsync();
        await Expect(row.Locator(".badge")).ToHaveTextAsync("active v1");
        await Eventually.TrueAsync(() => Task.FromResult(fixture.Stack.HostHolds(canary)));
        session.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_key_put_into_openclaw_json_by_hand_is_offered_for_import_and_the_value_never_reaches_the_page()
    {
        await using var skill = await TemporarySkill.InstallAsync(fixture.Stack, Path.Combine(fixture.Stack.Workspace, "skills"), "by-hand", "BY_HAND_KEY");
        var value = "by-hand-" + Guid.NewGuid().ToString("N");
        var configPath = Path.Combine(fixture.Stack.StateDir, "openclaw.json");
        var config = JsonNode.Parse(File.ReadAllText(configPath))!.AsObject();
        config["skills"] ??= new JsonObject();
        config["skills"]!["entries"] ??= new JsonObject();
        config["skills"]!["entries"]!["by-hand"] = new JsonObject
        {
            ["env"] = new JsonObject { ["BY_HAND_KEY"] = value },
        };
        File.WriteAllText(configPath, config.ToJsonString());

        await using var session = await SignedInPage.OpenAsync(fixture, "demo-admin");
        var row = session.KeyRow("by-hand", "BY_HAND_KEY");
        await Expect(row).ToContainTextAsync("openclaw.json already holds a value for this key");
        await row.GetByRole(AriaRole.Button, new() { Name = "Use the value in openclaw.json" }).ClickAsync();

        await Expect(row.Locator(".badge")).ToHaveTextAsync("active v1");
        await Expect(session.Page.Locator("#status")).ToContainTextAsync("from the value its openclaw.json held");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Use the value in openclaw.json" })).ToBeHiddenAsync();
        Assert.True(fixture.Stack.HostHolds(value));
        Assert.DoesNotContain(session.Requests, request => request.Carries(value));
        Assert.DoesNotContain(value, await session.Page.ContentAsync(), StringComparison.Ordinal);
        session.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Rotating_a_key_asks_first_and_replaces_the_value_on_the_host_at_the_next_version()
    {
        var first = "whisper-first-" + Guid.NewGuid().ToString("N");
        var second = "whisper-second-" + Guid.NewGuid().ToString("N");
        await fixture.Stack.ActivateAsync("openai-whisper-api", "OPENAI_API_KEY", first);
        await using var session = await SignedInPage.OpenAsync(fixture, "demo-admin");
        var page = session.Page;
        var row = session.KeyRow("openai-whisper-api", "OPENAI_API_KEY");
        var input = row.Locator("input[type=password]");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("active v1");

        await input.FillAsync(second);
        await row.GetByRole(AriaRole.Button, new() { Name = "Rotate" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Rotate OPENAI_API_KEY?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Rotate key" }).ClickAsync();

        await Expect(row.Locator(".badge")).ToHaveTextAsync("active v2");
        await Expect(input).ToHaveValueAsync("");
        await Eventually.TrueAsync(() => Task.FromResult(fixture.Stack.HostHolds(second) && !fixture.Stack.HostHolds(first)));
        var submission = Assert.Single(session.Requests, request => request.Method == "POST" && request.Url.EndsWith($"/api/accounts/demo/credentials/{BrowserStack.Runtime}/openai-whisper-api/OPENAI_API_KEY", StringComparison.Ordinal));
        using var body = JsonDocument.Parse(submission.Body!);
        Assert.Equal((1, 2), (body.RootElement.GetProperty("expectedVersion").GetInt32(), body.RootElement.GetProperty("sealedSecret").GetProperty("version").GetInt32()));
        Assert.DoesNotContain(session.Requests, request => request.Carries(second));
        session.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Revoking_a_key_asks_first_and_then_takes_it_off_the_host()
    {
        var value = "trello-token-" + Guid.NewGuid().ToString("N");
        await fixture.Stack.ActivateAsync("trello", "TRELLO_TOKEN", value);
        await using var session = await SignedInPage.OpenAsync(fixture, "demo-admin");
        var page = session.Page;
        var row = session.KeyRow("trello", "TRELLO_TOKEN");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("active v1");

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Revoke TRELLO_TOKEN?");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(row.Locator(".badge")).ToHaveTextAsync("active v1");
        Assert.DoesNotContain(session.Requests, request => request.Url.Contains("/revoke", StringComparison.Ordinal));
        Assert.True(fixture.Stack.HostHolds(value));

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Revoke key" }).ClickAsync();

        await Expect(row.Locator(".badge")).ToHaveTextAsync("revoked");
        await Expect(row.Locator("input")).ToBeHiddenAsync();
        await Eventually.TrueAsync(() => Task.FromResult(!fixture.Stack.HostHolds(value)));
        session.AssertNoScriptErrors();
    }
}
