using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace SkillsOrleans.ClientHosting.Telemetry;

/// <summary>
/// Who may scrape <c>/metrics</c>: a caller on this machine (loopback), or one presenting the configured scrape
/// token (<c>Metrics:ScrapeToken</c>, sent by Prometheus as <c>Authorization: Bearer …</c>). Metrics hold no
/// secrets, but runtime ids and rates are still operators' business, not the public's. The check wraps the scrape
/// endpoint itself (<see cref="Guard"/>), so whatever path routing takes to it — other letter case, a trailing
/// slash — meets it.
/// </summary>
public sealed class MetricsAccess(byte[]? scrapeToken)
{
    public const string Path = "/metrics";

    public static MetricsAccess From(IConfiguration configuration) =>
        new(configuration["Metrics:ScrapeToken"] is { Length: > 0 } token ? Encoding.UTF8.GetBytes(token) : null);

    /// <summary>Whether a request is (probably) a scrape; only to keep scrapes out of traces, never for access.</summary>
    public static bool IsScrape(HttpContext context) =>
        context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase);

    public bool Allows(HttpContext context)
    {
        if (scrapeToken is not null
            && context.Request.Headers.Authorization.ToString() is { } header
            && header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            // Constant time, so the comparison does not leak how much of a guess was right.
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..]), scrapeToken);
        }

        return context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote);
    }

    /// <summary>The scrape endpoint's handler, answering 401 to a caller <see cref="Allows"/> refuses.</summary>
    public RequestDelegate Guard(RequestDelegate scrape) => context =>
    {
        if (Allows(context))
        {
            return scrape(context);
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"metrics\"";
        return Task.CompletedTask;
    };
}
