using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Api.Hosting;

/// <summary>
/// The API behind a TLS-terminating proxy. <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed only
/// from the proxies and networks configured in <c>ForwardedHeaders:KnownProxies</c> and
/// <c>ForwardedHeaders:KnownNetworks</c> (none by default: then the headers are ignored, even from loopback). From
/// them, a request the client sent over https counts as https here: the dashboard cookie is <c>Secure</c>, and outside
/// Development every https answer carries HSTS. A malformed entry stops the API at start.
/// </summary>
public static class TrustedProxies
{
    public const string Section = "ForwardedHeaders";

    /// <summary>How long browsers are told to use https only (<c>Strict-Transport-Security: max-age</c>).</summary>
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    public static WebApplicationBuilder AddTrustedProxies(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(Section);
        var proxies = ConfigurationList.Of(section.GetSection("KnownProxies")).Select(Proxy).ToList();
        var networks = ConfigurationList.Of(section.GetSection("KnownNetworks")).Select(Network).ToList();
        builder.Services.AddSingleton(new TrustedProxyList(proxies.Count + networks.Count > 0));
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear(); // the framework trusts loopback by default; here only what is configured
            options.KnownIPNetworks.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
        builder.Services.AddHsts(options => options.MaxAge = HstsMaxAge);
        return builder;
    }

    /// <summary>First in the pipeline, so that everything after sees the client's scheme and address.</summary>
    public static void UseTrustedProxies(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<TrustedProxyList>().Any)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
    }

    private static IPAddress Proxy(string text) => IPAddress.TryParse(text, out var address)
        ? address
        : throw new InvalidOperationException($"{Section}:KnownProxies: '{ResourceIds.Printable(text)}' is not an IP address.");

    private static System.Net.IPNetwork Network(string text) => System.Net.IPNetwork.TryParse(text, out var network)
        ? network
        : throw new InvalidOperationException($"{Section}:KnownNetworks: '{ResourceIds.Printable(text)}' is not a network in CIDR form (10.0.0.0/8).");

    private sealed record TrustedProxyList(bool Any);
}
