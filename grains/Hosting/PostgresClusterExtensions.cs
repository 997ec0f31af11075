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
    /// <summary>
    /// Membership, grain storage and reminders in the database the schema migrator prepared, and the statistics the
    /// dashboard shows. Core silos add the account event streams (<see cref="Streams.AccountEventStreamsSiloExtensions"/>).
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
        silo.AddActivityPropagation(); // a grain call continues the trace of the request that made it
        silo.AddClusterDashboard(); // every silo of the cluster reports to the dashboard the API serves
        return silo;
    }
}
