using System.Net;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// The development token issuer signs a token for anyone who asks, so it may only ever be reachable from this
/// machine: in Development the API refuses to start when any address it would listen on is not a loopback address,
/// whichever setting names that address.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DevIssuerBindingTests(AuthenticationFixture auth) : IClassFixture<AuthenticationFixture>
{
    [Theory]
    [InlineData("Urls", "http://0.0.0.0:5080")]
    [InlineData("Urls", "http://+:8080")]
    [InlineData("Urls", "http://*:8080")]
    [InlineData("Urls", "http://[::]:8080")]
    [InlineData("Urls", "http://127.0.0.1:5080;http://192.0.2.10:5080")]
    [InlineData("Urls", "http://api.skillsorleans.test:5080")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:5080")]
    public async Task In_development_a_bind_beyond_loopback_stops_the_API_at_start(string key, string value)
    {
        await using var api = auth.CreateApi("Development", new Dictionary<string, string> { [key] = value });

        var failure = StartupFailure.Of(api);

        Assert.Contains("development token issuer", failure, StringComparison.Ordinal);
        Assert.Contains("loopback", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_development_ports_without_an_address_bind_every_interface_and_stop_the_API()
    {
        // ASPNETCORE_HTTP_PORTS (as the aspnet container images set it) listens on every interface.
        await using var api = auth.CreateApi("Development", new Dictionary<string, string> { ["Urls"] = "", ["http_ports"] = "8080" });

        Assert.Contains("development token issuer", StartupFailure.Of(api), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080;http://127.0.0.2:5081")]
    public async Task In_development_on_loopback_addresses_the_issuer_mints_tokens(string urls)
    {
        await using var api = auth.CreateApi("Development", new Dictionary<string, string> { ["Urls"] = urls });

        var response = await api.CreateClient().GetAsync("/dev/token?sub=demo-admin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Outside_development_a_wide_bind_starts_without_the_issuer()
    {
        var settings = AuthenticationFixture.Settings(auth.Jwks);
        settings["Urls"] = "http://0.0.0.0:8080";
        await using var api = auth.CreateApi("Production", settings);

        var response = await api.CreateClient().GetAsync("/dev/token?sub=demo-admin");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
