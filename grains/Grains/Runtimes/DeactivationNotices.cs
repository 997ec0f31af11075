using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Diagnostics;
using SkillsOrleans.Grains.Telemetry;

namespace SkillsOrleans.Grains.Runtimes;

/// <summary>
/// Tells a watched activation that Orleans has begun to deactivate it, the moment it begins.
/// <para>
/// Orleans tells the grain itself (<c>OnDeactivateAsync</c>, a timer's token) only after the activation's running work
/// has drained, and until then it holds every call that reaches the activation from outside. A runtime grain's
/// interleaved passes wait on calls that call back into it, so they would wait on the drain that waits on them: each
/// such call lasts its whole timeout, and the runtime looks offline meanwhile. Orleans deactivates a kept-alive runtime
/// grain when, for instance, the silo holding its grain directory entry stops (a rolling restart of the core silos).
/// </para>
/// <para>
/// The notice comes from Orleans' grain lifecycle diagnostic events, which Orleans raises inside its own lock: the
/// handler only looks the activation up and leaves logging and cancelling to the thread pool.
/// </para>
/// </summary>
public sealed partial class DeactivationNotices : IObserver<GrainLifecycleEvents.LifecycleEvent>, IDisposable
{
    private readonly ConcurrentDictionary<IGrainContext, CancellationTokenSource> _watched = new(ReferenceEqualityComparer.Instance);
    private readonly ILogger<DeactivationNotices> _logger;
    private readonly IDisposable _subscription;

    public DeactivationNotices(ILogger<DeactivationNotices> logger)
    {
        _logger = logger;
        _subscription = GrainLifecycleEvents.AllEvents.Subscribe(this);
    }

    /// <summary>A token cancelled as soon as Orleans begins to deactivate this activation.</summary>
    public CancellationToken Watch(IGrainContext activation) => _watched.GetOrAdd(activation, _ => new CancellationTokenSource()).Token;

    /// <summary>Stops watching an activation (its own deactivation forgets it too).</summary>
    public void Forget(IGrainContext activation) => _watched.TryRemove(activation, out _);

    public void OnNext(GrainLifecycleEvents.LifecycleEvent value)
    {
        switch (value)
        {
            case GrainLifecycleEvents.Deactivating deactivating when _watched.TryGetValue(deactivating.GrainContext, out var notice):
                var grainId = deactivating.GrainContext.GrainId;
                var reason = deactivating.Reason;
                ThreadPool.UnsafeQueueUserWorkItem(_ => Notify(grainId, reason, notice), null);
                break;
            case GrainLifecycleEvents.Deactivated deactivated:
                Forget(deactivated.GrainContext);
                break;
        }
    }

    private void Notify(GrainId grainId, DeactivationReason reason, CancellationTokenSource notice)
    {
        // A silo that stops deactivates everything: nothing to warn about. Any other reason takes a kept-alive grain
        // away from its host's work until it is called again.
        if (reason.ReasonCode == DeactivationReasonCode.ShuttingDown)
        {
            LogDeactivatingOnShutdown(_logger, grainId.ToString());
        }
        else
        {
            LogDeactivating(_logger, grainId.ToString(), reason.ReasonCode.ToString(), reason.Description);
        }

        SkillsOrleansTelemetry.RuntimeDeactivating(grainId.Key.ToString()!, reason.ReasonCode.ToString());

        // The source is never disposed: it holds no timer, and a late cancel must not race a dispose.
        notice.Cancel();
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose() => _subscription.Dispose();

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{GrainId} is deactivating ({ReasonCode}: {Reason}); its passes under way stop, and its next call activates it again")]
    private static partial void LogDeactivating(ILogger logger, string grainId, string reasonCode, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{GrainId} is deactivating: its silo is shutting down")]
    private static partial void LogDeactivatingOnShutdown(ILogger logger, string grainId);
}
