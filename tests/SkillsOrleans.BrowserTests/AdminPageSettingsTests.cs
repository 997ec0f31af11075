using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using SkillsOrleans.Api.AdminPage;
using SkillsOrleans.Api.Auth;

namespace SkillsOrleans.BrowserTests;

/// <summary>How the page's sign-in settings are read: an issuer is all or nothing, https, and dev sign-in is Development only.</summary>
public sealed class AdminPageSettingsTests
{
    [Fact]
    public void An_issuer_gives_its_origin_to_the_policy_and_drops_a_trailing_slash()
    {
        var settings = Read(Environments.Production, new() { ["AdminPage:Oidc:Authority"] = "https://clerk.example.com/", ["AdminPage:Oidc:ClientId"] = "app" });

        Assert.Equal(("https://clerk.example.com", "app", AdminPageSettings.DefaultScope), (settings.Oidc!.Authority, settings.Oidc.ClientId, settings.Oidc.Scope));
        Assert.Contains("connect-src 'self' https://clerk.example.com;", new AdminPageHeaders(settings).ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.False(settings.DevSignIn);
        Assert.Empty(settings.DevUsers);
    }

    [Theory]
    [InlineData("https://clerk.example.com", null)]
    [InlineData(null, "app")]
    [InlineData("http://clerk.example.com", "app")]
    [InlineData("https://user:pass@clerk.example.com", "app")]
    [InlineData("https://clerk.example.com/?x=1", "app")]
    [InlineData("not a url", "app")]
    public void A_half_configured_or_unsafe_issuer_stops_the_start(string? authority, string? clientId)
    {
        var values = new Dictionary<string, string?> { ["AdminPage:Oidc:Authority"] = authority, ["AdminPage:Oidc:ClientId"] = clientId };

        Assert.Throws<InvalidOperationException>(() => Read(Environments.Production, values));
    }

    [Fact]
    public void Plain_http_is_accepted_for_a_loopback_issuer()
    {
        var settings = Read(Environments.Production, new() { ["AdminPage:Oidc:Authority"] = "http://127.0.0.1:8080", ["AdminPage:Oidc:ClientId"] = "app" });

        Assert.Equal("http://127.0.0.1:8080", settings.Oidc!.Origin);
    }

    [Fact]
    public void Development_offers_the_seeded_users_and_the_platform_admins_and_no_issuer()
    {
        var settings = Read(Environments.Development, new() { ["Auth:PlatformAdmins:0"] = "platform-admin" });

        Assert.Null(settings.Oidc);
        Assert.True(settings.DevSignIn);
        Assert.Equal(
            [("demo-owner", "demo", "owner"), ("demo-admin", "demo", "admin"), ("demo-member", "demo", "member"), ("other-admin", "other", "owner"), ("platform-admin", null, "platform admin")],
            settings.DevUsers.Select(user => (user.Subject, user.Account, user.Role)));
        Assert.Contains("connect-src 'self';", new AdminPageHeaders(settings).ContentSecurityPolicy, StringComparison.Ordinal);
    }

    private static AdminPageSettings Read(string environmentName, Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var environment = new HostingEnvironment { EnvironmentName = environmentName };
        var auth = AuthSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = "https://issuer.example.com",
            ["Auth:JwksUrl"] = "https://issuer.example.com/.well-known/jwks.json",
            ["Auth:AuthorizedParties"] = "https://admin.example.com",
            ["Auth:PlatformAdmins:0"] = values.GetValueOrDefault("Auth:PlatformAdmins:0"),
        }).Build(), environment);
        return AdminPageSettings.From(configuration, environment, auth);
    }
}
