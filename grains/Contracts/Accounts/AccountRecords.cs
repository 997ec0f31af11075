namespace SkillsOrleans.Contracts.Accounts;

[GenerateSerializer, Immutable, Alias("skillsorleans.account-creation")]
public sealed record AccountCreation(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string OwnerSubject,
    [property: Id(2)] bool SkillsPocEnabled);

[GenerateSerializer, Immutable, Alias("skillsorleans.runtime-binding")]
public sealed record RuntimeBinding(
    [property: Id(0)] string RuntimeId,
    [property: Id(1)] DateTimeOffset BoundAt,
    [property: Id(2)] DateTimeOffset? LastRegisteredAt,
    [property: Id(3)] string? HostName);

/// <summary>An account as its members see it. Holds references and roles only.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.account-snapshot")]
public sealed record AccountSnapshot(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] bool SkillsPocEnabled,
    [property: Id(4)] IReadOnlyDictionary<string, MemberRole> Members,
    [property: Id(5)] IReadOnlyList<RuntimeBinding> Runtimes);
