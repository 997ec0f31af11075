using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using SkillsOrleans.Model;
using SkillsOrleans.ClientHosting;
using SkillsOrleans.ClientHosting.Configuration;
using SkillsOrleans.Contracts.Events;
using SkillsOrleans.Grains;

namespace SkillsOrleans.Hosting;

/// <summary>A silo on PostgreSQL through the ADO.NET providers (invariant "Npgsql"); clients: <see cref="PostgresClusterClientExtensions"/>.</summary>
public static class PostgresClusterExtensions
{
    /// <summary>The grain storage Orleans keeps explicit stream subscriptions in; the name is fixed by Orleans.</summary>
    public const string StreamSubscriptionStorageName = "PubSubStore";

    /// <summary>
    /// Membership, grain storage and reminders in the database the schema migrator prepared, the account event
    /// streams (memory streams: live only; their subscriptions are kept in the PubSubStore grain storage), and the
    /// statistics the dashboard shows.
    /// </summary>
    public static ISiloBuilder UsePostgresCluster(this ISiloBuilder silo, ClusterSettings cluster)
    {
        silo.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = CallDeadlines.GrainCall);
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = cluster.ClusterId;
            options.ServiceId = cluster.ServiceId;
        });
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresClusterClientExtensions.Invariant;
            options.ConnectionString = cluster.ConnectionString;
        });
        silo.AddAdoNetGrainStorage(GrainStorageNames.State, options =>
        {
            options.Invariant = PostgresClusterClientExtensions.Invariant;
            options.ConnectionString = cluster.ConnectionString;
        });
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = PostgresClusterClientExtensions.Invariant;
            options.ConnectionString = cluster.ConnectionString;
        });
        // Orleans' own pub/sub state has constructor-only types that the default JSON storage serializer writes but
        // cannot read back, so a stream's subscriber registry that moves silos would fail forever: it is stored with
        // Orleans' serializer instead (it is Orleans' data, never ours, and holds no secret).
        silo.AddAdoNetGrainStorage(StreamSubscriptionStorageName, builder => builder.Configure<Serializer>((options, serializer) =>
        {
            options.Invariant = PostgresClusterClientExtensions.Invariant;
            options.ConnectionString = cluster.ConnectionString;
            options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        silo.AddMemoryStreams(AccountEventStreams.ProviderName);
        silo.AddActivityPropagation(); // a grain call continues the trace of the request that made it
        silo.AddClusterDashboard(); // every silo of the cluster reports to the dashboard the API serves
        return silo;
    }
}
