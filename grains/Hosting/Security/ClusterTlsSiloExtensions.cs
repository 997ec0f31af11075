using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using SkillsOrleans.ClientHosting.Security;

namespace SkillsOrleans.Hosting.Security;

public static class ClusterTlsSiloExtensions
{
    /// <summary>
    /// Mutual TLS on every port of a silo. The silo port admits only silos (core or runtime) and the gateway port
    /// only clients, so an API certificate cannot pose as a cluster member and a silo certificate is not a client.
    /// </summary>
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, ClusterCredentials credentials)
    {
        silo.Services.AddSingleton(credentials);
        silo.Services.AddOptions<SiloConnectionOptions>().Configure<ILoggerFactory>((options, logs) =>
        {
            var logger = logs.CreateLogger(typeof(ClusterTlsOptions));
            var siloPort = ClusterTlsOptions.For(credentials, logger, "silo port", ClusterPeerKind.CoreSilo, ClusterPeerKind.RuntimeSilo);
            var gatewayPort = ClusterTlsOptions.For(credentials, logger, "gateway port", ClusterPeerKind.Client);
            var outbound = ClusterTlsOptions.For(credentials, logger, "silo connection", ClusterPeerKind.CoreSilo, ClusterPeerKind.RuntimeSilo);
            options.ConfigureSiloInboundConnection(connection => connection.UseServerTls(siloPort));
            options.ConfigureGatewayInboundConnection(connection => connection.UseServerTls(gatewayPort));
            options.ConfigureSiloOutboundConnection(connection => connection.UseClientTls(outbound));
        });
        return silo;
    }
}
