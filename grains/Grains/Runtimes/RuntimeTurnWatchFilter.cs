using Microsoft.Extensions.Logging;

namespace SkillsOrleans.Grains.Runtimes;

/// <summary>
/// On a runtime silo, watches every call the runtime grain takes (<see cref="SlowTurnWatch"/>): a call that runs long
/// is named in the log while it runs. Other grains' calls pass untouched.
/// </summary>
internal sealed class RuntimeTurnWatchFilter(ILogger<RuntimeTurnWatchFilter> logger) : IIncomingGrainCallFilter
{
    private readonly SlowTurnWatch _watch = new(logger, SlowTurnWatch.DefaultThreshold);

    public Task Invoke(IIncomingGrainCallContext context) =>
        context.Grain is RuntimeGrain
            ? _watch.RunAsync(context.TargetId.Key.ToString()!, TurnName(context), context.Invoke)
            : context.Invoke();

    /// <summary>The called method; a grain timer's tick reaches filters as Orleans' own timer method.</summary>
    private static string TurnName(IIncomingGrainCallContext context)
    {
        var method = context.InterfaceMethod?.Name ?? context.Request.GetMethodName();
        return method == "InvokeCallbackAsync" ? "a timer tick" : method;
    }
}
