using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Metadata;
using Orleans.Runtime;
using Orleans.Streams;

namespace SkillsOrleans.Hosting.Streams;

/// <summary>
/// Shares the account event streams' queues among the active silos that host account grains — core silos — and
/// none with runtime silos. Orleans' default balancer shares them among every active silo, so a runtime silo would
/// pull (and see) other tenants' events, and since runtime silos run no stream provider, the queues falling to them
/// would never be read at all: every account whose stream hashed there would get no live events. A silo's grain
/// manifest says what it hosts, so the share is recomputed when membership changes and when manifests arrive.
/// </summary>
public sealed partial class CoreSiloQueueBalancer : QueueBalancerBase
{
    /// <summary>The grain type only core silos offer (see RuntimeSiloGrains): the publisher of account events.</summary>
    public static readonly GrainType AccountGrainType = GrainType.Create("account");

    private readonly IClusterManifestProvider _manifests;
    private readonly Lock _gate = new();
    private IReadOnlyList<QueueId> _allQueues = [];
    private HashSet<SiloAddress> _active = [];
    private IReadOnlyList<QueueId> _mine = [];
    private Task _manifestWatch = Task.CompletedTask;

    private CoreSiloQueueBalancer(IServiceProvider services, ILogger<CoreSiloQueueBalancer> logger)
        : base(services, logger)
    {
        _manifests = services.GetRequiredService<IClusterManifestProvider>();
    }

    /// <summary>The factory <c>ConfigurePartitionBalancing</c> takes.</summary>
    public static IStreamQueueBalancer Create(IServiceProvider services, string providerName) =>
        new CoreSiloQueueBalancer(services, services.GetRequiredService<ILogger<CoreSiloQueueBalancer>>());

    /// <summary>
    /// The queues <paramref name="self"/> pulls: every <c>n</c>-th of <paramref name="queues"/> (in their fixed order),
    /// where <c>n</c> is the number of pulling silos and the offset is the silo's place among them in address order.
    /// None when <paramref name="self"/> is not a puller.
    /// </summary>
    public static IReadOnlyList<QueueId> Share(IReadOnlyList<QueueId> queues, IEnumerable<SiloAddress> pullers, SiloAddress self)
    {
        var ordered = pullers.Distinct().OrderBy(silo => silo.ToParsableString(), StringComparer.Ordinal).ToList();
        var place = ordered.IndexOf(self);
        return place < 0 ? [] : [.. queues.Where((_, i) => i % ordered.Count == place)];
    }

    /// <summary>The active silos whose manifest offers <see cref="AccountGrainType"/>.</summary>
    public static IEnumerable<SiloAddress> Pullers(IEnumerable<SiloAddress> active, ClusterManifest manifest) =>
        active.Where(silo => manifest.Silos.TryGetValue(silo, out var grains) && grains.Grains.ContainsKey(AccountGrainType));

    public override IEnumerable<QueueId> GetMyQueues() => _mine;

    public override Task Initialize(IStreamQueueMapper queueMapper)
    {
        _allQueues = [.. queueMapper.GetAllQueues().OrderBy(q => q.GetStringNamePrefix(), StringComparer.Ordinal).ThenBy(q => q.GetNumericId())];
        lock (_gate)
        {
            _active = [SiloAddress];
        }

        Rebalance();
        _manifestWatch = WatchManifestsAsync();
        return base.Initialize(queueMapper);
    }

    public override async Task Shutdown()
    {
        await base.Shutdown();
        await _manifestWatch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    protected override void OnClusterMembershipChange(HashSet<SiloAddress> activeSilos)
    {
        lock (_gate)
        {
            _active = [.. activeSilos];
        }

        Rebalance();
    }

    private async Task WatchManifestsAsync()
    {
        await Task.Yield();
        await foreach (var _ in _manifests.Updates.WithCancellation(Cancellation))
        {
            Rebalance();
        }
    }

    private void Rebalance()
    {
        IReadOnlyList<QueueId> mine;
        lock (_gate)
        {
            mine = Share(_allQueues, Pullers(_active, _manifests.Current), SiloAddress);
            if (mine.SequenceEqual(_mine))
            {
                return;
            }

            _mine = mine;
        }

        LogShare(Logger, mine.Count, _allQueues.Count);
        _ = NotifyListeners();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This silo now pulls {Mine} of the {All} account event queues.")]
    private static partial void LogShare(ILogger logger, int mine, int all);
}
