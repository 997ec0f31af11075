namespace SkillsOrleans.Grains.Fleet;

/// <summary>Persisted form of the fleet index: account ids, and each runtime's account (null: bound to none).</summary>
[GenerateSerializer, Alias("skillsorleans.fleet-index-state")]
public sealed class FleetIndexState
{
    [Id(0)] public HashSet<string> Accounts { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public Dictionary<string, string?> Runtimes { get; set; } = new(StringComparer.Ordinal);
}
