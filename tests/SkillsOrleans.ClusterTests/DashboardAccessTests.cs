using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;
using static SkillsOrleans.ClusterTests.DemoStackFixture;
using static SkillsOrleans.ClusterTests.DemoStack;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// The Orleans dashboard the API serves at <c>/dashboard/</c>: platform admins only, by bearer token or by the session
/// cookie <c>POST /dashboard/session</c> sets, which opens the dashboard and nothing else. Its data lists our grains.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DashboardAccessTests(DemoStackFixture fixture) : IClassFixture<DemoStackFixture>
{
    private readonly DemoStack _stack = fixture.Stack;

    private const string PlatformAdmin = "platform-admin";
    private const string CookieName = "skillsorleans-dashboard";

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/DashboardCounters")]
    [InlineData("/dashboard/GrainTypes")]
    public async Task Anonymous_callers_get_401_and_members_of_accounts_403_from_the_dashboard(string path)
    {
        var anonymous = await Client().GetAsync(path);
        var owner = await (await BearerClientAsync("demo-owner")).GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, owner.StatusCode);
        Assert.DoesNotContain("Orleans", await owner.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_platform_admin_s_token_opens_the_dashboard_and_its_counters_list_our_grains()
    {
        // Activates a credential grain, so that every kind of ours is live somewhere in the cluster.
        await _stack.Credentials("demo").RequestCredentialAsync(new CredentialRef("demo", Runtime, "trello", "TRELLO_API_KEY"), new CredentialRequest("main", "boards"));
        var admin = await BearerClientAsync(PlatformAdmin);

        var page = await admin.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);

        string[] ours = ["AccountGrain", "CredentialGrain", "RuntimeGrain", "RuntimeDirectoryGrain", "FleetIndexGrain"];
        var listed = await Eventually.ValueAsync(
            async () => GrainTypes(await admin.GetFromJsonAsync<JsonElement>("/dashboard/DashboardCounters")),
            types => ours.All(grain => types.Any(type => type.EndsWith("." + grain, StringComparison.Ordinal))));
        Assert.Contains(listed, type => type.StartsWith("SkillsOrleans.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_session_cookie_opens_the_dashboard_alone_and_nothing_else()
    {
        var before = DateTimeOffset.UtcNow;
        var opened = await (await BearerClientAsync(PlatformAdmin)).PostAsync("/dashboard/session", null);

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var session = await opened.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("/dashboard/", session.GetProperty("url").GetString());
        var expiresAt = session.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt, before.AddMinutes(29), DateTimeOffset.UtcNow.AddMinutes(30));
        var setCookie = Assert.Single(opened.Headers.GetValues("Set-Cookie"));
        var attributes = Attributes(setCookie);
        Assert.Superset(new HashSet<string> { "path=/dashboard", "httponly", "samesite=strict" }, attributes);
        Assert.DoesNotContain("secure", attributes); // plain http here; see the https test
        Assert.Contains(attributes, a => a.StartsWith("expires=", StringComparison.Ordinal));
        var cookie = setCookie.Split(';')[0];
        Assert.StartsWith(CookieName + "=", cookie, StringComparison.Ordinal);

        var withCookie = Client();
        withCookie.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await withCookie.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await withCookie.GetAsync("/dashboard/DashboardCounters")).StatusCode);

        // Outside the dashboard the cookie is no credential at all, and it cannot renew itself.
        await ProblemAssert.IsAsync(HttpStatusCode.Unauthorized, await withCookie.GetAsync("/api/platform/fleet"));
        await ProblemAssert.IsAsync(HttpStatusCode.Unauthorized, await withCookie.GetAsync("/api/me"));
        await ProblemAssert.IsAsync(HttpStatusCode.Unauthorized, await withCookie.PostAsync("/dashboard/session", null));

        var tampered = Client();
        tampered.DefaultRequestHeaders.Add("Cookie", cookie[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await tampered.GetAsync("/dashboard/DashboardCounters")).StatusCode);

        var closed = await withCookie.DeleteAsync("/dashboard/session");
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        var cleared = Assert.Single(closed.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(CookieName + "=;", cleared, StringComparison.Ordinal);
        Assert.Contains("path=/dashboard", Attributes(cleared));

        // Closing ended the session itself, not only the browser's copy of the cookie.
        Assert.Equal(HttpStatusCode.Unauthorized, (await withCookie.GetAsync("/dashboard/DashboardCounters")).StatusCode);
    }

    [Fact]
    public async Task A_session_one_api_instance_opened_works_on_another_and_closing_it_on_either_ends_it_on_both()
    {
        await using var second = _stack.CreateApi();
        var opened = await (await BearerClientAsync(PlatformAdmin)).PostAsync("/dashboard/session", null);
        var cookie = Assert.Single(opened.Headers.GetValues("Set-Cookie")).Split(';')[0];
        var first = Client();
        first.DefaultRequestHeaders.Add("Cookie", cookie);
        var other = second.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        other.DefaultRequestHeaders.Add("Cookie", cookie);

        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/dashboard/DashboardCounters")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await other.DeleteAsync("/dashboard/session")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/dashboard/DashboardCounters")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/dashboard/DashboardCounters")).StatusCode);
    }

    [Fact]
    public async Task A_member_of_an_account_gets_no_session_cookie()
    {
        var refused = await (await BearerClientAsync("demo-owner")).PostAsync("/dashboard/session", null);
        var anonymous = await Client().PostAsync("/dashboard/session", null);

        await ProblemAssert.IsAsync(HttpStatusCode.Forbidden, refused);
        await ProblemAssert.IsAsync(HttpStatusCode.Unauthorized, anonymous);
        Assert.False(refused.Headers.Contains("Set-Cookie"));
        Assert.False(anonymous.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Over_https_the_session_cookie_is_secure()
    {
        var https = await BearerClientAsync(PlatformAdmin, new Uri("https://localhost"));

        var opened = await https.PostAsync("/dashboard/session", null);

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("secure", Attributes(Assert.Single(opened.Headers.GetValues("Set-Cookie"))));
    }

    /// <summary>A client that neither keeps cookies nor follows redirects, so each test says exactly what it sends.</summary>
    private HttpClient Client(Uri? baseAddress = null) => _stack.Api.CreateClient(new WebApplicationFactoryClientOptions
    {
        HandleCookies = false,
        AllowAutoRedirect = false,
        BaseAddress = baseAddress ?? new Uri("http://localhost"),
    });

    private async Task<HttpClient> BearerClientAsync(string subject, Uri? baseAddress = null)
    {
        var http = Client(baseAddress);
        var token = await http.GetFromJsonAsync<JsonElement>($"/dev/token?sub={subject}");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return http;
    }

    private static HashSet<string> Attributes(string setCookie) =>
        [.. setCookie.Split(';').Skip(1).Select(part => part.Trim().ToLowerInvariant())];

    private static List<string> GrainTypes(JsonElement counters) =>
        [.. counters.GetProperty("simpleGrainStats").EnumerateArray().Select(s => s.GetProperty("grainType").GetString()!)];
}
