using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SkillsOrleans.BrowserTests;

/// <summary>How the page itself is served: its own origin only, a strict Content-Security-Policy, its sign-in settings.</summary>
[Collection(AdminPageCollection.Name)]
public sealed class PageDeliveryTests(AdminPageFixture fixture)
{
    [Fact]
    public async Task The_page_loads_everything_from_its_own_origin_under_a_strict_policy()
    {
        await using var session = await SignedInPage.OpenAsync(fixture, "demo-admin");
        var page = session.Page;
        await Expect(page.GetByRole(AriaRole.Tab)).ToHaveCountAsync(4);

        var response = await page.GotoAsync("/demo/admin/openclaw");
        var csp = response!.Headers["content-security-policy"];
        foreach (var directive in new[] { "default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "require-trusted-types-for 'script'" })
        {
            Assert.Contains(directive, csp, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers["x-content-type-options"]);
        var origin = fixture.Stack.Address.GetLeftPart(UriPartial.Authority);
        Assert.All(session.Requests, request => Assert.StartsWith(origin + "/", request.Url, StringComparison.Ordinal));
        session.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_settings_offer_dev_sign_in_with_the_seeded_users_and_unknown_account_slugs_are_not_served()
    {
        using var http = new HttpClient { BaseAddress = fixture.Stack.Address };
        var config = await http.GetFromJsonAsync<JsonElement>("/admin/config.json");
        Assert.True(config.GetProperty("devSignIn").GetBoolean());
        Assert.Equal(JsonValueKind.Null, config.GetProperty("oidc").ValueKind);
        var users = config.GetProperty("devUsers").EnumerateArray().Select(user => user.GetProperty("subject").GetString()).ToList();
        Assert.Equal(["demo-owner", "demo-admin", "demo-member", "other-admin", "platform-admin"], users);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/Not_A_Slug/admin/openclaw")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/admin/assets/missing.js")).StatusCode);
        var script = await http.GetAsync("/admin/assets/js/main.js");
        Assert.Equal("text/javascript; charset=utf-8", script.Content.Headers.ContentType?.ToString());
        Assert.Equal("no-cache", script.Headers.CacheControl?.ToString());
        using var again = new HttpRequestMessage(HttpMethod.Get, "/admin/assets/js/main.js");
        again.Headers.IfNoneMatch.Add(script.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(again)).StatusCode);
    }
}
