namespace SkillsOrleans.Contracts.Runtimes;

/// <summary>What the host-pinned RuntimeGrain reports about itself. Never holds a secret.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.runtime-status")]
public sealed record RuntimeStatus(
    [property: Id(0)] string RuntimeId,
    [property: Id(1)] string AccountId,
    [property: Id(2)] string HostSilo,
    [property: Id(3)] string HostName,
    [property: Id(4)] DateTimeOffset ActivatedAt,
    [property: Id(5)] DateTimeOffset? RegisteredAt,
    [property: Id(6)] string? RegistrationError);
