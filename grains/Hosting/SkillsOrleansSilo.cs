using Microsoft.Extensions.Configuration;
using SkillsOrleans.ClientHosting.Audit;
using SkillsOrleans.ClientHosting.Configuration;
using SkillsOrleans.Grains;
using SkillsOrleans.Hosting.Catalogs;
using SkillsOrleans.Hosting.Configuration;
using SkillsOrleans.Hosting.Seeding;

namespace SkillsOrleans.Hosting;

/// <summary>The one place a production silo is configured, so the silo host and the tests run the same setup.</summary>
public static class SkillsOrleansSilo
{
    public static ISiloBuilder ConfigureFrom(this ISiloBuilder silo, IConfiguration configuration)
    {
        var endpoints = SiloEndpointSettings.From(configuration);
        silo.ConfigureEndpoints(endpoints.AdvertisedAddress, endpoints.SiloPort, endpoints.GatewayPort, endpoints.ListenOnAnyHostAddress);
        var cluster = ClusterSettings.From(configuration);
        silo.UsePostgresCluster(cluster);
        silo.Services.AddPostgresAuditTrail(cluster.ConnectionString);
        silo.Services.AddPostgresSkillCatalogs(cluster.ConnectionString);
        silo.AddSkillsOrleansGrains(RuntimeHostSettings.From(configuration));
        if (configuration.GetValue("Seed:Demo", false))
        {
            silo.AddStartupTask<DemoSeeder>();
        }

        return silo;
    }
}
