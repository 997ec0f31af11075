using Orleans.Serialization;
using Orleans.Storage;
using SkillsOrleans.ClientHosting;
using SkillsOrleans.Contracts.Events;

namespace SkillsOrleans.Hosting.Streams;

/// <summary>
/// The account event streams on a core silo: memory streams (live only), their queues shared among core silos only
/// (<see cref="CoreSiloQueueBalancer"/>), and the subscriber registry in the database. Runtime silos run none of it:
/// they neither publish nor carry tenants' events.
/// </summary>
public static class AccountEventStreamsSiloExtensions
{
    /// <summary>The grain storage Orleans keeps explicit stream subscriptions in; the name is fixed by Orleans.</summary>
    public const string StreamSubscriptionStorageName = "PubSubStore";

    public static ISiloBuilder AddAccountEventStreams(this ISiloBuilder silo, string connectionString)
    {
        // Orleans' own pub/sub state has constructor-only types that the default JSON storage serializer writes but
        // cannot read back, so a stream's subscriber registry that moves silos would fail forever: it is stored with
        // Orleans' serializer instead (it is Orleans' data, never ours, and holds no secret).
        silo.AddAdoNetGrainStorage(StreamSubscriptionStorageName, builder => builder.Configure<Serializer>((options, serializer) =>
        {
            options.Invariant = PostgresClusterClientExtensions.Invariant;
            options.ConnectionString = connectionString;
            options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        silo.AddMemoryStreams(AccountEventStreams.ProviderName, streams => streams.ConfigurePartitionBalancing(CoreSiloQueueBalancer.Create));
        return silo;
    }
}
