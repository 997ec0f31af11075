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
            ? _watch.RunAsync(context.TargetId.Key.ToString()!, context.InterfaceMethod?.Name ?? context.Request.GetMethodName(), context.Invoke)
            : context.Invoke();
}
