using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// Behind a TLS proxy: <c>X-Forwarded-Proto</c> is believed only from a configured proxy or network, and then the
/// request counts as https — the dashboard cookie is <c>Secure</c> and the answer carries HSTS. From any other
/// source, or with no proxy configured (the default), the header changes nothing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ForwardedHeadersTests(AuthenticationFixture auth) : IClassFixture<AuthenticationFixture>
{
    private const string PublicHost = "api.skillsorleans.test";

    [Fact]
    public async Task Https_forwarded_by_a_configured_proxy_gets_a_secure_cookie_and_HSTS()
    {
        await using var api = Api(("ForwardedHeaders:KnownProxies:0", "10.1.2.3"));

        var answer = await OpenDashboardSessionAsync(api, from: "10.1.2.3");

        Assert.Equal(StatusCodes.Status200OK, answer.Response.StatusCode);
        Assert.Contains("secure", Cookie(answer), StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("max-age=", answer.Response.Headers.StrictTransportSecurity.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_forwarded_from_a_configured_network_is_believed()
    {
        await using var api = Api(("ForwardedHeaders:KnownNetworks", "10.1.0.0/16, 192.0.2.0/24"));

        var answer = await OpenDashboardSessionAsync(api, from: "10.1.7.7");

        Assert.Contains("secure", Cookie(answer), StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(answer.Response.Headers.StrictTransportSecurity.ToString());
    }

    [Fact]
    public async Task Https_claimed_by_an_unconfigured_source_is_not_believed()
    {
        await using var api = Api(("ForwardedHeaders:KnownProxies:0", "10.1.2.3"));

        var answer = await OpenDashboardSessionAsync(api, from: "10.9.9.9");

        Assert.Equal(StatusCodes.Status200OK, answer.Response.StatusCode);
        Assert.DoesNotContain("secure", Cookie(answer), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(answer.Response.Headers.StrictTransportSecurity.ToString());
    }

    [Fact]
    public async Task Without_configured_proxies_no_forwarded_header_is_believed()
    {
        await using var api = Api();

        foreach (var source in (string[])["10.1.2.3", "127.0.0.1"])
        {
            var answer = await OpenDashboardSessionAsync(api, from: source);

            Assert.DoesNotContain("secure", Cookie(answer), StringComparison.OrdinalIgnoreCase);
            Assert.Empty(answer.Response.Headers.StrictTransportSecurity.ToString());
        }
    }

    [Fact]
    public async Task A_malformed_proxy_setting_stops_the_API_at_start()
    {
        await using var api = Api(("ForwardedHeaders:KnownNetworks:0", "10.1.0.0/40"));

        Assert.Contains("ForwardedHeaders:KnownNetworks", StartupFailure.Of(api), StringComparison.Ordinal);
    }

    private ApiHostFactory Api(params (string Key, string Value)[] extra)
    {
        var settings = AuthenticationFixture.Settings(auth.Jwks);
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return auth.CreateApi("Production", settings);
    }

    /// <summary>A platform admin opens a dashboard session through a proxy at <paramref name="from"/> that says the client used https.</summary>
    private Task<HttpContext> OpenDashboardSessionAsync(WebApplicationFactory<Program> api, string from)
    {
        var token = AuthenticationFixture.Token(auth.RsaKey, AuthenticationFixture.AdminSubject);
        return api.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Post;
            context.Request.Path = "/dashboard/session";
            context.Request.Host = new HostString(PublicHost);
            context.Request.Headers.Authorization = $"Bearer {token}";
            context.Request.Headers["X-Forwarded-Proto"] = "https";
            context.Request.Headers["X-Forwarded-For"] = "203.0.113.7";
            context.Connection.RemoteIpAddress = IPAddress.Parse(from);
        });
    }

    private static string Cookie(HttpContext answer) => answer.Response.Headers.SetCookie.ToString();
}
