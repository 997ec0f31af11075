using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace SkillsOrleans.ClientHosting.Security;

public static class ClusterTlsClientExtensions
{
    /// <summary>Mutual TLS from <c>Orleans:Tls:*</c>; required outside Development (<see cref="ClusterTlsSettings.Required"/>).</summary>
    public static IClientBuilder UseClusterTls(this IClientBuilder client, IConfiguration configuration, string environmentName) =>
        ClusterTlsSettings.Required(configuration, environmentName, "API") is { } tls
            ? client.UseClusterTls(tls.Load(ClusterPeerIdentity.Client, TimeProvider.System))
            : client;

    /// <summary>The API's connections to silo gateways: mutual TLS, and the gateway must prove it is a silo.</summary>
    public static IClientBuilder UseClusterTls(this IClientBuilder client, ClusterCredentials credentials)
    {
        client.Services.AddOptions<ClientConnectionOptions>().Configure<ILoggerFactory>((options, logs) =>
        {
            var tls = ClusterTlsOptions.For(credentials, logs.CreateLogger(typeof(ClusterTlsOptions)), "client connection",
                ClusterPeerKind.CoreSilo, ClusterPeerKind.RuntimeSilo);
            options.ConfigureConnection(connection => connection.UseClientTls(tls));
        });
        return client;
    }
}
