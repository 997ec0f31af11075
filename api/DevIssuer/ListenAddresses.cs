using System.Net;

namespace SkillsOrleans.Api.DevIssuer;

/// <summary>
/// The addresses Kestrel will listen on, as configuration names them, in Kestrel's own order of precedence:
/// <c>Kestrel:Endpoints:*:Url</c>, else <c>urls</c> (<c>ASPNETCORE_URLS</c>, <c>Urls</c>), else
/// <c>http_ports</c>/<c>https_ports</c> (every interface), else Kestrel's default <c>http://localhost:5000</c>.
/// </summary>
public static class ListenAddresses
{
    public static IReadOnlyList<string> From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(endpoint => endpoint["Url"]).OfType<string>().Where(url => url.Trim().Length > 0).ToList();
        if (endpoints.Count > 0)
        {
            return endpoints;
        }

        if (Split(configuration["urls"]) is { Count: > 0 } urls)
        {
            return urls;
        }

        var ports = Split(configuration["http_ports"]).Select(port => $"http://*:{port}")
            .Concat(Split(configuration["https_ports"]).Select(port => $"https://*:{port}")).ToList();
        return ports.Count > 0 ? ports : ["http://localhost:5000"];
    }

    /// <summary>
    /// Whether a listen URL reaches this machine only: <c>localhost</c> or a loopback IP. A wildcard (<c>*</c>,
    /// <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>) or a host name binds every interface, and a Unix socket is not an address.
    /// </summary>
    public static bool IsLoopback(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var rest = url.Trim();
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return false;
        }

        rest = rest[(scheme + 3)..];
        string host;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            host = close < 0 ? rest : rest[1..close];
        }
        else
        {
            var end = rest.IndexOfAny([':', '/']);
            host = end < 0 ? rest : rest[..end];
        }

        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    private static List<string> Split(string? value) =>
        [.. (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
