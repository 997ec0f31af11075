using Orleans.Configuration;
using SkillsOrleans.Model;
using SkillsOrleans.ClientHosting.Configuration;
using SkillsOrleans.Contracts.Events;

namespace SkillsOrleans.ClientHosting;

/// <summary>An Orleans client of the cluster on PostgreSQL, through the ADO.NET clustering provider (invariant "Npgsql").</summary>
public static class PostgresClusterClientExtensions
{
    public const string Invariant = "Npgsql";

    /// <summary>An external client (the API) finds gateways through the membership table.</summary>
    public static IClientBuilder UsePostgresCluster(this IClientBuilder client, ClusterSettings cluster)
    {
        client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = CallDeadlines.GrainCall);
        client.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = cluster.ClusterId;
            options.ServiceId = cluster.ServiceId;
        });
        client.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = cluster.ConnectionString;
        });
        client.AddMemoryStreams(AccountEventStreams.ProviderName);
        client.AddActivityPropagation();
        return client;
    }
}
