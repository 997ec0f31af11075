using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace SkillsOrleans.BrowserTests;

/// <summary>
/// The API as the browser meets it: a real Kestrel server on a free 127.0.0.1 port (not TestServer), as an Orleans
/// client of the test cluster. In Development (the default) <c>/dev/token</c> and the dev sign-in exist.
/// </summary>
public sealed class LoopbackApi : WebApplicationFactory<Program>
{
    private readonly string _connectionString;
    private readonly string _clusterId;
    private readonly string _environment;
    private readonly IReadOnlyDictionary<string, string> _settings;

    public LoopbackApi(string connectionString, string clusterId, string environment = "Development", IReadOnlyDictionary<string, string>? settings = null)
    {
        _connectionString = connectionString;
        _clusterId = clusterId;
        _environment = environment;
        _settings = settings ?? new Dictionary<string, string>();
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Address { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        Address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("ConnectionStrings:Postgres", _connectionString);
        builder.UseSetting("Orleans:ClusterId", _clusterId);
        builder.UseSetting("Orleans:ServiceId", "skillsorleans-tests");
        // The test silos speak plain TCP (Development); cluster TLS has its own tests (SkillsOrleans.SecurityTests).
        builder.UseSetting("Orleans:Tls:AllowPlaintext", "true");

        // The browser tests write and read often; the limit tests live elsewhere.
        builder.UseSetting("RateLimits:WriteBurst", "100000");
        builder.UseSetting("RateLimits:WritesPerMinute", "100000");
        builder.UseSetting("RateLimits:ReadBurst", "100000");
        builder.UseSetting("RateLimits:ReadsPerMinute", "100000");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
