using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SkillsOrleans.ClientHosting;
using SkillsOrleans.ClientHosting.Configuration;

namespace SkillsOrleans.Testing;

/// <summary>An external Orleans client that finds the cluster through the PostgreSQL membership table, like the API.</summary>
public sealed class ClusterClientHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterClientHost(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterClientHost> ConnectAsync(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client.UsePostgresCluster(
            new ClusterSettings(connectionString, clusterId, "skillsorleans-tests")));
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterClientHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
