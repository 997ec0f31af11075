using Orleans.Placement;
using Orleans.Runtime;

namespace SkillsOrleans.Grains.Placement;

/// <summary>Places a grain keyed by runtime id on the one silo whose metadata carries that runtime id.</summary>
[GenerateSerializer, Alias("skillsorleans.runtime-host-placement")]
public sealed class RuntimeHostPlacementStrategy : PlacementStrategy
{
    public static RuntimeHostPlacementStrategy Instance { get; } = new();
}

/// <summary>Pins a grain class to the silo that runs next to the runtime named by the grain's key.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RuntimeHostPlacementAttribute() : PlacementAttribute(RuntimeHostPlacementStrategy.Instance);
