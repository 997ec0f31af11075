using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SkillsOrleans.BrowserTests;

/// <summary>
/// Sign-in as in production: the API outside Development (no dev issuer), the page configured with an OpenID
/// Connect issuer, authorization code + PKCE done by the page, the token kept in memory only.
/// </summary>
[Collection(AdminPageCollection.Name)]
public sealed class OidcSignInTests(AdminPageFixture fixture)
{
    [Fact]
    public async Task The_page_signs_in_with_the_issuer_by_code_and_PKCE_and_keeps_the_token_in_memory_only()
    {
        await using var issuer = await TestOidcIssuer.StartAsync("demo-admin");
        await using var api = fixture.Stack.CreateApi("Production", new Dictionary<string, string>
        {
            ["Auth:Issuer"] = issuer.Issuer,
            ["Auth:JwksUrl"] = issuer.Issuer + "/jwks",
            ["Auth:AllowLoopbackHttpJwks"] = "true",
            ["Auth:AuthorizedParties"] = TestOidcIssuer.AuthorizedParty,
            ["AdminPage:Oidc:Authority"] = issuer.Issuer,
            ["AdminPage:Oidc:ClientId"] = TestOidcIssuer.ClientId,
        });
        api.Start();
        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = api.Address.ToString() });
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/demo/admin/openclaw#runtimes");
        Assert.Contains($"connect-src 'self' {issuer.Issuer}", response!.Headers["content-security-policy"], StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in as demo-admin" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Sign in with {new Uri(issuer.Issuer).Authority}" }).ClickAsync();

        await Expect(page.Locator("[data-subject='demo-admin']")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Runtimes" })).ToHaveAttributeAsync("aria-selected", "true");
        Assert.Equal(api.Address + "demo/admin/openclaw#runtimes", page.Url);
        Assert.Equal((1, 0), (issuer.VerifiedExchanges, issuer.RefusedExchanges));
        var stored = await page.EvaluateAsync<string>("() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }) + document.cookie");
        Assert.Equal("{}{}", stored);

        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Sign in with {new Uri(issuer.Issuer).Authority}" })).ToBeVisibleAsync();
        Assert.Equal(404, (await page.APIRequest.GetAsync("/dev/token?sub=demo-admin")).Status);
        await context.CloseAsync();
    }
}
