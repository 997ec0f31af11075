namespace SkillsOrleans.Contracts.Fleet;

/// <summary>The fleet index: account ids and runtimes, each ordered by id.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.fleet-index-snapshot")]
public sealed record FleetIndexSnapshot(
    [property: Id(0)] IReadOnlyList<string> Accounts,
    [property: Id(1)] IReadOnlyList<FleetIndexRuntime> Runtimes);

/// <summary>A runtime the platform knows, and the account it is bound to (null: none).</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.fleet-index-runtime")]
public sealed record FleetIndexRuntime(
    [property: Id(0)] string RuntimeId,
    [property: Id(1)] string? AccountId);
