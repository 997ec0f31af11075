using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SkillsOrleans.ClientHosting.Accounts;
using SkillsOrleans.ClientHosting.Audit;
using SkillsOrleans.ClientHosting.Fleet;
using SkillsOrleans.ClientHosting.Configuration;
using SkillsOrleans.ClientHosting.Security;
using SkillsOrleans.Grains;
using SkillsOrleans.Grains.Placement;
using SkillsOrleans.Hosting.Accounts;
using SkillsOrleans.Hosting.Catalogs;
using SkillsOrleans.Hosting.Configuration;
using SkillsOrleans.Hosting.Webhooks;
using SkillsOrleans.Hosting.Security;
using SkillsOrleans.Hosting.Seeding;
using SkillsOrleans.Hosting.Streams;

namespace SkillsOrleans.Hosting;

/// <summary>The one place a production silo is configured, so the silo host and the tests run the same setup.</summary>
public static class SkillsOrleansSilo
{
    public static ISiloBuilder ConfigureFrom(this ISiloBuilder silo, IConfiguration configuration, string environmentName)
    {
        var endpoints = SiloEndpointSettings.From(configuration);
        var runtimeHost = RuntimeHostSettings.From(configuration);
        // A runtime silo serves no gateway: clients' calls for every tenant then never pass through the least trusted
        // silo, which sits in the network namespace of an agent's gateway.
        var gatewayPort = runtimeHost is null ? endpoints.GatewayPort : 0;
        silo.ConfigureEndpoints(endpoints.AdvertisedAddress, endpoints.SiloPort, gatewayPort, endpoints.ListenOnAnyHostAddress);
        var cluster = ClusterSettings.From(configuration);
        silo.UsePostgresCluster(cluster);
        if (runtimeHost is null)
        {
            silo.AddAccountEventStreams(cluster.ConnectionString);
            silo.Services.AddWebhookDelivery(configuration);
        }

        silo.Services.AddPostgresAuditTrail(cluster.ConnectionString);
        silo.Services.AddPostgresSkillCatalogs(cluster.ConnectionString);
        silo.Services.AddPostgresAccountDirectory(cluster.ConnectionString);
        silo.Services.AddPostgresCredentialIndex(cluster.ConnectionString);
        silo.Services.AddPostgresRuntimeRoster(cluster.ConnectionString);
        var claimProof = new Dictionary<string, string>();
        if (ClusterTlsSettings.Required(configuration, environmentName, "silo") is { } tls)
        {
            var identity = runtimeHost is null ? ClusterPeerIdentity.CoreSilo : ClusterPeerIdentity.Runtime(runtimeHost.RuntimeId);
            var credentials = tls.Load(identity, TimeProvider.System);
            silo.UseClusterTls(credentials);
            silo.Services.AddSingleton<IRuntimeClaimVerifier>(new CertificateRuntimeClaims(credentials.Validator));
            if (runtimeHost is not null)
            {
                claimProof = RuntimeClaimMetadata.Proof(runtimeHost.RuntimeId, new IPEndPoint(endpoints.AdvertisedAddress, endpoints.SiloPort), credentials);
            }
        }

        silo.AddSkillsOrleansGrains(runtimeHost, claimProof);
        if (configuration.GetValue("Seed:Demo", false))
        {
            silo.AddStartupTask<DemoSeeder>();
        }

        return silo;
    }
}
