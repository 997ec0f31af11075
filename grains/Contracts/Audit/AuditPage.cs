using System.Globalization;

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
    [property: Id(1)] long Id)
{
    /// <summary>
    /// The cursor as a URL-safe token, <c>{microseconds since 1970}.{id}</c>: exact for the database's microsecond
    /// timestamps, and opaque enough that clients pass it back rather than build one.
    /// </summary>
    public string ToToken() =>
        string.Create(CultureInfo.InvariantCulture, $"{(OccurredAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerMicrosecond}.{Id}");

    public static bool TryParseToken(string? token, out AuditCursor cursor)
    {
        cursor = default;
        var parts = token?.Split('.');
        if (parts is not [var micros, var id]
            || !long.TryParse(micros, NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds)
            || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var rowId)
            || microseconds > (DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerMicrosecond)
        {
            return false;
        }

        cursor = new AuditCursor(DateTimeOffset.UnixEpoch.AddTicks(microseconds * TicksPerMicrosecond), rowId);
        return true;
    }

    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;
}

/// <summary>One page of an account's audit trail, newest first; <see cref="Next"/> is null on the last page.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.audit-page")]
public sealed record AuditPage(
    [property: Id(0)] IReadOnlyList<AuditEntry> Entries,
    [property: Id(1)] AuditCursor? Next)
{
    /// <summary>The most rows one read may ask for.</summary>
    public const int MaxLimit = 200;
}
