using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SkillsOrleans.BrowserTests;

/// <summary>What platform admins change from the fleet view: accounts, runtime bindings, an account's skills feature.</summary>
[Collection(AdminPageCollection.Name)]
public sealed class FleetManagementTests(AdminPageFixture fixture)
{
    [Fact]
    public async Task A_platform_admin_creates_an_account_binds_a_runtime_to_it_and_switches_its_feature_off_and_on()
    {
        await using var session = await SignedInPage.OpenAtAsync(fixture, "platform-admin", "/admin/fleet");
        var page = session.Page;
        var create = page.Locator("form[aria-labelledby='create-account-title']");

        await create.GetByLabel("Account id").FillAsync("acme");
        await create.GetByLabel("Display name").FillAsync("Acme Inc.");
        await create.GetByLabel("First owner (user id)").FillAsync("not a user id");
        await create.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("Not created:");
        await Expect(page.Locator("#status")).ToContainTextAsync("ownerSubject is not a valid user id");
        Assert.Null(await fixture.Stack.Account("acme").GetAsync());

        await create.GetByLabel("First owner (user id)").FillAsync("acme-owner");
        await create.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Account acme is ready; acme-owner is its owner.");
        var acme = page.Locator(".accounts-table tr[data-account='acme']");
        await Expect(acme).ToContainTextAsync("Acme Inc.");
        var created = await fixture.Stack.Account("acme").GetAsync();
        Assert.Equal(Contracts.Accounts.MemberRole.Owner, created!.Members["acme-owner"]);

        var bind = page.Locator("form[aria-labelledby='bind-runtime-title']");
        await bind.GetByLabel("Runtime id").FillAsync("acme-runtime-1");
        await bind.GetByLabel("Account", new() { Exact = true }).FillAsync("nobody-here");
        await bind.GetByRole(AriaRole.Button, new() { Name = "Bind runtime" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("Not bound:");
        await bind.GetByLabel("Account", new() { Exact = true }).FillAsync("acme");
        await bind.GetByRole(AriaRole.Button, new() { Name = "Bind runtime" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("acme-runtime-1 is bound to acme; its host is offline.");
        var runtime = page.Locator(".runtime-table tr[data-runtime='acme-runtime-1']");
        await Expect(runtime).ToHaveAttributeAsync("data-account", "acme");
        await Expect(runtime).ToHaveAttributeAsync("data-state", "offline");
        await Screenshots.SaveAsync(page, "fleet-manage");

        await acme.GetByRole(AriaRole.Button, new() { Name = "Switch off for acme" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Switch off" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Skills are off for acme.");
        await Expect(acme.Locator("[data-column='feature']")).ToHaveAttributeAsync("data-enabled", "false");
        Assert.False((await fixture.Stack.Account("acme").GetAsync())!.SkillsPocEnabled);

        await acme.GetByRole(AriaRole.Button, new() { Name = "Switch on for acme" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Skills are on for acme.");
        await Expect(acme.Locator("[data-column='feature']")).ToHaveAttributeAsync("data-enabled", "true");
        Assert.True((await fixture.Stack.Account("acme").GetAsync())!.SkillsPocEnabled);
        session.AssertNoScriptErrors();
    }
}
