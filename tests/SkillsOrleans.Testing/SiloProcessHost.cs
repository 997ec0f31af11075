using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using SkillsOrleans.Hosting;
using SkillsOrleans.Hosting.Configuration;

namespace SkillsOrleans.Testing;

/// <summary>
/// A silo built exactly as the silo executable builds it (<see cref="SkillsOrleansSilo.ConfigureFrom"/>), on free
/// loopback ports, against a real database. Several of these in one process form a real multi-silo cluster.
/// </summary>
public sealed class SiloProcessHost : IAsyncDisposable
{
    private SiloProcessHost(IHost host, int gatewayPort)
    {
        Host = host;
        GatewayPort = gatewayPort;
    }

    public IHost Host { get; }

    public int GatewayPort { get; }

    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    public SiloAddress Address => Host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    public static async Task<SiloProcessHost> StartAsync(
        string connectionString, string clusterId, IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null)
    {
        var gatewayPort = FreePorts.Next();
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:ServiceId"] = "skillsorleans-tests",
            ["Orleans:SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Test clusters speak plain TCP; cluster TLS has its own tests with real processes (SkillsOrleans.SecurityTests).
            ["Orleans:Tls:AllowPlaintext"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning);
        if (logs is not null)
        {
            // Everything the silo writes at any level, for tests that look for what must never be logged.
            builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        }

        builder.UseOrleans(silo => silo.ConfigureFrom(builder.Configuration, builder.Environment.EnvironmentName));
        var host = builder.Build();
        await host.StartAsync();
        return new SiloProcessHost(host, gatewayPort);
    }

    /// <summary>Graceful stop: the silo leaves the membership table as Dead at once.</summary>
    public async Task StopAsync() => await Host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Host.StopAsync(TimeSpan.FromSeconds(20));
        }
        catch (OperationCanceledException)
        {
        }

        Host.Dispose();
    }
}
