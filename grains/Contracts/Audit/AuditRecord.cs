namespace SkillsOrleans.Contracts.Audit;

/// <summary>
/// One audited attempt, as a caller hands it to <see cref="IAuditTrail"/>: who did what to which credential of which
/// account, and how it ended. There is deliberately no field for a value: a delivery is recorded by its keyed-HMAC
/// <see cref="Fingerprint"/>. The time is not the caller's to set; the database stamps it.
/// </summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.audit-record")]
public sealed record AuditRecord(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string Actor,
    [property: Id(2)] string ActorKind,
    [property: Id(3)] string Action,
    [property: Id(4)] string Outcome)
{
    [Id(5)] public string? RuntimeId { get; init; }

    /// <summary><c>{account}/{runtime}/{skillKey}/{KEY_NAME}</c>; must name this record's account.</summary>
    [Id(6)] public string? CredentialRef { get; init; }

    [Id(7)] public int? Version { get; init; }

    /// <summary>The host's keyed-HMAC fingerprint of the value, e.g. <c>hmac-sha256:…</c>; never the value.</summary>
    [Id(8)] public string? Fingerprint { get; init; }

    /// <summary>A short reason code or message; control characters are dropped and it is cut to 500 characters.</summary>
    [Id(9)] public string? Reason { get; init; }

    /// <summary>Ties rows of one operation together (a request id, a trace id).</summary>
    [Id(10)] public string? CorrelationId { get; init; }
}
