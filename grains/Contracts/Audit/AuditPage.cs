namespace SkillsOrleans.Contracts.Audit;

/// <summary>A stored audit row: the record, the identity the database gave it and the database's time.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.audit-entry")]
public sealed record AuditEntry(
    [property: Id(0)] long Id,
    [property: Id(1)] DateTimeOffset OccurredAt,
    [property: Id(2)] AuditRecord Record)
{
    public AuditCursor Cursor => new(OccurredAt, Id);
}

/// <summary>
/// Where a newest-first read stopped: the next page holds rows strictly older than this (time, then id). Rows
/// appended while a reader pages are newer than any cursor it holds, so they never shift the pages it has not read.
/// </summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.audit-cursor")]
public readonly record struct AuditCursor(
    [property: Id(0)] DateTimeOffset OccurredAt,
    [property: Id(1)] long Id);

/// <summary>One page of an account's audit trail, newest first; <see cref="Next"/> is null on the last page.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.audit-page")]
public sealed record AuditPage(
    [property: Id(0)] IReadOnlyList<AuditEntry> Entries,
    [property: Id(1)] AuditCursor? Next)
{
    /// <summary>The most rows one read may ask for.</summary>
    public const int MaxLimit = 200;
}
