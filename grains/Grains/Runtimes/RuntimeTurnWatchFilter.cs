using Microsoft.Extensions.Logging;

namespace SkillsOrleans.Grains.Runtimes;

/// <summary>
/// On a runtime silo, watches every call the runtime grain takes (<see cref="SlowTurnWatch"/>): a call that runs long
/// is named in the log while it runs. Timer ticks pass unwatched: Orleans hands filters every tick under one method
/// name, whether it interleaves or not, and the interleaved passes (workspace, reconciliation, gateway reload) hold up
/// no call however long they take; the one timer that runs as a turn of its own is watched by the grain itself.
/// Other grains' calls pass untouched.
/// </summary>
internal sealed class RuntimeTurnWatchFilter(ILogger<RuntimeTurnWatchFilter> logger) : IIncomingGrainCallFilter
{
    private const string TimerTick = "InvokeCallbackAsync";

    private readonly SlowTurnWatch _watch = new(logger, SlowTurnWatch.DefaultThreshold);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is not RuntimeGrain)
        {
            return context.Invoke();
        }

        var method = context.InterfaceMethod?.Name ?? context.Request.GetMethodName();
        return method == TimerTick
            ? context.Invoke()
            : _watch.RunAsync(context.TargetId.Key.ToString()!, method, context.Invoke);
    }
}
