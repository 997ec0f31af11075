namespace SkillsOrleans.Contracts.Audit;

/// <summary>
/// The append-only record of credential and membership changes, requests and refusals. A caller appends before it
/// reports a change as made; when <see cref="AppendAsync"/> throws, the change is refused.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Stores the record (see <see cref="AuditRecordRules.Check"/> for what is accepted) and returns it as stored.</summary>
    /// <exception cref="ArgumentException">The record breaks a rule; nothing was sent to the store.</exception>
    /// <exception cref="AuditWriteException">The store did not take the row.</exception>
    Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> (1 to <see cref="AuditPage.MaxLimit"/>) of one account's rows, newest first,
    /// starting after <paramref name="after"/> (null for the newest).
    /// </summary>
    Task<AuditPage> ReadAsync(string accountId, AuditCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> of one account's rows with an id above <paramref name="afterId"/>, in id order, and
    /// the database's time of the read (ids are handed out before rows commit, so a reader that follows them compares
    /// row times with it).
    /// </summary>
    Task<(IReadOnlyList<AuditEntry> Entries, DateTimeOffset ReadAt)> ReadAfterIdAsync(string accountId, long afterId, int limit, CancellationToken cancellationToken);
}
