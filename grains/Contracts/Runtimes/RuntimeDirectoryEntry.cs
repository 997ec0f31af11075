namespace SkillsOrleans.Contracts.Runtimes;

/// <summary>The account a runtime is bound to, and since when.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.runtime-directory-entry")]
public sealed record RuntimeDirectoryEntry(
    [property: Id(0)] string RuntimeId,
    [property: Id(1)] string AccountId,
    [property: Id(2)] DateTimeOffset BoundAt);
