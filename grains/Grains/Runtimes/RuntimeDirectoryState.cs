namespace SkillsOrleans.Grains.Runtimes;

/// <summary>Persisted form of a runtime's directory entry: the account it is bound to, if any, and since when.</summary>
[GenerateSerializer, Alias("skillsorleans.runtime-directory-state")]
public sealed class RuntimeDirectoryState
{
    [Id(0)] public string? AccountId { get; set; }

    [Id(1)] public DateTimeOffset BoundAt { get; set; }
}
