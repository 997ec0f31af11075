extern alias silo;

using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// The silo executable in-process (TestServer), with its HTTP endpoints (<c>/health</c>, <c>/metrics</c>), joining
/// the cluster of the given database on free loopback ports. Requests through TestServer carry no remote address,
/// so they count as coming from another machine.
/// </summary>
public sealed class SiloHostFactory(string connectionString, string clusterId, IDictionary<string, string>? settings = null)
    : WebApplicationFactory<silo::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Postgres", connectionString);
        builder.UseSetting("Orleans:ClusterId", clusterId);
        builder.UseSetting("Orleans:ServiceId", "skillsorleans-tests");
        // Production as shipped, but joining test clusters that speak plain TCP; cluster TLS has its own tests.
        builder.UseSetting("Orleans:Tls:AllowPlaintext", "true");
        builder.UseSetting("Orleans:SiloPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }
}
