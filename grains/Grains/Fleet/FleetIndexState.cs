namespace SkillsOrleans.Grains.Fleet;

/// <summary>Persisted form of the fleet index: each runtime's account (null: bound to none).</summary>
[GenerateSerializer, Alias("skillsorleans.fleet-index-state")]
public sealed class FleetIndexState
{
    /// <summary>Only in rows of the previous version, which listed accounts here; emptied by the next write.</summary>
    [Id(0)] public HashSet<string> Accounts { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public Dictionary<string, string?> Runtimes { get; set; } = new(StringComparer.Ordinal);
}
