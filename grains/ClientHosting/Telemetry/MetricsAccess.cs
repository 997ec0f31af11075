using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace SkillsOrleans.ClientHosting.Telemetry;

/// <summary>
/// Who may scrape <c>/metrics</c>: a caller on this machine (loopback), or one presenting the configured scrape
/// token (<c>Metrics:ScrapeToken</c>, sent by Prometheus as <c>Authorization: Bearer …</c>). Metrics hold no
/// secrets, but runtime ids and rates are still operators' business, not the public's.
/// </summary>
public sealed class MetricsAccess(byte[]? scrapeToken)
{
    public const string Path = "/metrics";

    public static MetricsAccess From(IConfiguration configuration) =>
        new(configuration["Metrics:ScrapeToken"] is { Length: > 0 } token ? Encoding.UTF8.GetBytes(token) : null);

    public static bool IsScrape(HttpContext context) => context.Request.Path.Equals(Path, StringComparison.Ordinal);

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
}
