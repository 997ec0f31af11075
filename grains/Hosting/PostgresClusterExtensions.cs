using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using SkillsOrleans.Contracts.Events;
using SkillsOrleans.Grains;
using SkillsOrleans.Hosting.Configuration;

namespace SkillsOrleans.Hosting;

/// <summary>Orleans on PostgreSQL through the ADO.NET providers (invariant "Npgsql").</summary>
public static class PostgresClusterExtensions
{
    public const string Invariant = "Npgsql";

    /// <summary>The grain storage Orleans keeps explicit stream subscriptions in; the name is fixed by Orleans.</summary>
    public const string StreamSubscriptionStorageName = "PubSubStore";

    /// <summary>
    /// Membership, grain storage and reminders in the database the schema migrator prepared, the account event
    /// streams (memory streams: live only; their subscriptions are kept in the PubSubStore grain storage), and the
    /// statistics the dashboard shows.
    /// </summary>
    public static ISiloBuilder UsePostgresCluster(this ISiloBuilder silo, ClusterSettings cluster)
    {
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = cluster.ClusterId;
            options.ServiceId = cluster.ServiceId;
        });
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = cluster.ConnectionString;
        });
        silo.AddAdoNetGrainStorage(GrainStorageNames.State, options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = cluster.ConnectionString;
        });
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = cluster.ConnectionString;
        });
        // Orleans' own pub/sub state has constructor-only types that the default JSON storage serializer writes but
        // cannot read back, so a stream's subscriber registry that moves silos would fail forever: it is stored with
        // Orleans' serializer instead (it is Orleans' data, never ours, and holds no secret).
        silo.AddAdoNetGrainStorage(StreamSubscriptionStorageName, builder => builder.Configure<Serializer>((options, serializer) =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = cluster.ConnectionString;
            options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        silo.AddMemoryStreams(AccountEventStreams.ProviderName);
        silo.AddActivityPropagation(); // a grain call continues the trace of the request that made it
        silo.AddClusterDashboard(); // every silo of the cluster reports to the dashboard the API serves
        return silo;
    }

    /// <summary>An external client (the API) finds gateways through the membership table.</summary>
    public static IClientBuilder UsePostgresCluster(this IClientBuilder client, ClusterSettings cluster)
    {
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
