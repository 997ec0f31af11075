namespace SkillsOrleans.Contracts.Fleet;

/// <summary>One page of the fleet index's runtimes, ordered by id; <see cref="NextAfter"/> continues it (null: last page).</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.fleet-runtime-page")]
public sealed record FleetRuntimePage(
    [property: Id(0)] IReadOnlyList<FleetIndexRuntime> Runtimes,
    [property: Id(1)] string? NextAfter);

/// <summary>A runtime the platform knows, and the account it is bound to (null: none).</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.fleet-index-runtime")]
public sealed record FleetIndexRuntime(
    [property: Id(0)] string RuntimeId,
    [property: Id(1)] string? AccountId);
