using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// <c>/metrics</c> is guarded by its endpoint, not by the spelling of a path: every path that routing takes to the
/// scrape endpoint (other letter case, a trailing slash, a dot segment) needs the scrape token, on the API and on a silo.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MetricsEndpointTests(AuthenticationFixture auth) : IClassFixture<AuthenticationFixture>
{
    private const string ScrapeToken = "scrape-token-for-endpoint-tests";

    private static readonly string[] Spellings = ["/metrics", "/METRICS", "/Metrics", "/metrics/", "/METRICS/", "/metrics/.", "/metrics//"];

    [Fact]
    public async Task The_API_answers_no_spelling_of_metrics_without_the_scrape_token()
    {
        var settings = AuthenticationFixture.Settings(auth.Jwks);
        settings["Metrics:ScrapeToken"] = ScrapeToken;
        await using var api = auth.CreateApi("Production", settings);

        foreach (var path in Spellings)
        {
            await AssertGuardedAsync(api, path);
        }
    }

    [Fact]
    public async Task A_silo_answers_no_spelling_of_metrics_without_the_scrape_token()
    {
        await using var silo = new SiloHostFactory(auth.Database, AuthenticationFixture.ClusterId,
            new Dictionary<string, string> { ["Metrics:ScrapeToken"] = ScrapeToken });

        foreach (var path in Spellings)
        {
            await AssertGuardedAsync(silo, path);
        }
    }

    private static async Task AssertGuardedAsync<TEntryPoint>(WebApplicationFactory<TEntryPoint> host, string path)
        where TEntryPoint : class
    {
        // Sent as is: HttpClient would already have removed a dot segment from the path.
        var anonymous = await host.Server.SendAsync(context => context.Request.Path = new PathString(path));
        var scraped = await host.Server.SendAsync(context =>
        {
            context.Request.Path = new PathString(path);
            context.Request.Headers.Authorization = $"Bearer {ScrapeToken}";
        });

        Assert.True(anonymous.Response.StatusCode != StatusCodes.Status200OK, $"{path} answered 200 without the scrape token");
        Assert.DoesNotContain("# TYPE", await new StreamReader(anonymous.Response.Body).ReadToEndAsync(), StringComparison.Ordinal);
        if (scraped.Response.StatusCode == StatusCodes.Status200OK)
        {
            return; // routing takes this path to the scrape endpoint: the token opened it, its absence did not
        }

        Assert.True(anonymous.Response.StatusCode == StatusCodes.Status404NotFound, $"{path}: {anonymous.Response.StatusCode}");
    }

    [Fact]
    public async Task The_scrape_token_opens_the_canonical_path_and_its_other_spellings()
    {
        var settings = AuthenticationFixture.Settings(auth.Jwks);
        settings["Metrics:ScrapeToken"] = ScrapeToken;
        await using var api = auth.CreateApi("Production", settings);
        var scraper = api.CreateClient();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ScrapeToken);

        foreach (var path in (string[])["/metrics", "/METRICS", "/metrics/"])
        {
            var response = await scraper.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("# TYPE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
