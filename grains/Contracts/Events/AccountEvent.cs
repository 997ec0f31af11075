using SkillsOrleans.Contracts.Audit;
using SkillsOrleans.Contracts.Credentials;

namespace SkillsOrleans.Contracts.Events;

/// <summary>
/// Something changed in an account, as live views hear it. A notice, not a record: streams are not durable, so a
/// view that missed events reads the listings again (the audit table is the record). Carries references,
/// statuses and fingerprints only.
/// </summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.account-event")]
public sealed record AccountEvent(
    [property: Id(0)] string AccountId,
    [property: Id(1)] AccountEventKind Kind,
    [property: Id(2)] DateTimeOffset At)
{
    /// <summary>The credential as it is now (<see cref="AccountEventKind.Credential"/>).</summary>
    [Id(3)] public CredentialSnapshot? Credential { get; init; }

    /// <summary>The runtime whose catalog or binding changed (<see cref="AccountEventKind.Skills"/>, <see cref="AccountEventKind.Account"/>).</summary>
    [Id(4)] public string? RuntimeId { get; init; }

    /// <summary>How many skills the runtime now publishes (<see cref="AccountEventKind.Skills"/>).</summary>
    [Id(5)] public int? SkillCount { get; init; }

    /// <summary>The audit row just appended (<see cref="AccountEventKind.Activity"/>).</summary>
    [Id(6)] public AuditEntry? Activity { get; init; }
}

/// <summary>What an <see cref="AccountEvent"/> is about; also its server-sent event name.</summary>
public enum AccountEventKind
{
    /// <summary>A credential was requested, delivered, rotated or revoked.</summary>
    Credential = 1,

    /// <summary>A runtime published a changed skill catalog.</summary>
    Skills = 2,

    /// <summary>Members, runtimes or settings of the account changed.</summary>
    Account = 3,

    /// <summary>A row was appended to the account's audit trail.</summary>
    Activity = 4,
}
