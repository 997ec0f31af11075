using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using SkillsOrleans.Contracts.Audit;
using SkillsOrleans.Model;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.ClientHosting.Audit;

/// <summary>
/// The audit trail in the <c>skillsorleans_audit</c> table (deploy/sql/0005_audit_trail.sql). Records are checked
/// here before they are sent, the database checks them again, stamps the time and refuses any later change.
/// Every write is bounded in time: a caller waiting on the audit row is holding a change back.
/// </summary>
public sealed partial class PostgresAuditTrail(
    NpgsqlDataSource dataSource, ILogger<PostgresAuditTrail> logger, TimeSpan? writeTimeout = null) : IAuditTrail
{
    /// <summary>Connecting and inserting together; past this the change is refused rather than left waiting.</summary>
    public static readonly TimeSpan DefaultWriteTimeout = CallDeadlines.AuditWrite;

    public TimeSpan WriteTimeout { get; } = writeTimeout ?? DefaultWriteTimeout;

    private const string InsertSql = """
        INSERT INTO skillsorleans_audit
            (account_id, runtime_id, actor, actor_kind, action, credential_ref, version, fingerprint, outcome, reason, correlation_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        RETURNING id, occurred_at
        """;

    private const string Columns =
        "id, occurred_at, account_id, runtime_id, actor, actor_kind, action, credential_ref, version, fingerprint, outcome, reason, correlation_id";

    // Two statements rather than one with "$2 IS NULL OR …", so the planner sees a plain range on the index.
    private const string NewestSql = $"""
        SELECT {Columns} FROM skillsorleans_audit
         WHERE account_id = $1
         ORDER BY occurred_at DESC, id DESC
         LIMIT $2
        """;

    private const string OlderThanSql = $"""
        SELECT {Columns} FROM skillsorleans_audit
         WHERE account_id = $1 AND (occurred_at, id) < ($3, $4)
         ORDER BY occurred_at DESC, id DESC
         LIMIT $2
        """;

    private const string AfterIdSql = $"""
        SELECT {Columns} FROM skillsorleans_audit
         WHERE account_id = $1 AND id > $2
         ORDER BY id
         LIMIT $3
        """;

    private const string NowSql = "SELECT now()";

    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        var row = AuditRecordRules.Check(record);

        // Npgsql gives up on a connection that stalls while starting up only at its own connect timeout, whatever the
        // token says; waiting with a deadline of our own releases the caller on time either way. The abandoned insert
        // finishes on its own (its outcome is observed so it never surfaces as an unobserved task exception).
        var insert = InsertAsync(row, cancellationToken);
        _ = insert.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        try
        {
            var (id, occurredAt) = await insert.WaitAsync(WriteTimeout, cancellationToken).ConfigureAwait(false);
            LogAppended(logger, row.Action, row.Outcome, row.AccountId, row.CredentialRef, row.Version, id);
            return new AuditEntry(id, occurredAt, row);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed(row, $"no answer within {WriteTimeout.TotalSeconds:0.#} s", error);
        }
        catch (TimeoutException error)
        {
            throw Failed(row, $"no answer within {WriteTimeout.TotalSeconds:0.#} s", error);
        }
        catch (PostgresException error)
        {
            // The database refused a row this class accepted: its rules and ours have drifted apart.
            throw Failed(row, $"refused by the database: {error.SqlState} {error.ConstraintName}".TrimEnd(), error);
        }
        catch (NpgsqlException error)
        {
            throw Failed(row, "database not available", error);
        }
    }

    public async Task<AuditPage> ReadAsync(string accountId, AuditCursor? after, int limit, CancellationToken cancellationToken)
    {
        ResourceIds.RequireAccountId(accountId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, AuditPage.MaxLimit);

        await using var command = dataSource.CreateCommand(after is null ? NewestSql : OlderThanSql);
        command.Parameters.Add(Text(accountId));
        // One row more than asked tells whether another page follows without a count.
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = limit + 1 });
        if (after is { } cursor)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = cursor.OccurredAt.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = cursor.Id });
        }

        var entries = new List<AuditEntry>(limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                entries.Add(ReadEntry(reader));
            }
        }

        if (entries.Count <= limit)
        {
            return new AuditPage(entries, Next: null);
        }

        entries.RemoveAt(limit);
        return new AuditPage(entries, entries[^1].Cursor);
    }

    public async Task<(IReadOnlyList<AuditEntry> Entries, DateTimeOffset ReadAt)> ReadAfterIdAsync(
        string accountId, long afterId, int limit, CancellationToken cancellationToken)
    {
        ResourceIds.RequireAccountId(accountId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, AuditPage.MaxLimit);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // The time first: a row committed after it may still be missing from the read, never the other way round.
        DateTimeOffset readAt;
        await using (var now = new NpgsqlCommand(NowSql, connection))
        {
            readAt = new DateTimeOffset((DateTime)(await now.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!);
        }

        var entries = new List<AuditEntry>(limit);
        await using var command = new NpgsqlCommand(AfterIdSql, connection);
        command.Parameters.Add(Text(accountId));
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = afterId });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(ReadEntry(reader));
        }

        return (entries, readAt);
    }

    private async Task<(long Id, DateTimeOffset OccurredAt)> InsertAsync(AuditRecord row, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(WriteTimeout);
        await using var command = dataSource.CreateCommand(InsertSql);
        command.CommandTimeout = Math.Max(1, (int)Math.Ceiling(WriteTimeout.TotalSeconds));
        command.Parameters.Add(Text(row.AccountId));
        command.Parameters.Add(Text(row.RuntimeId));
        command.Parameters.Add(Text(row.Actor));
        command.Parameters.Add(Text(row.ActorKind));
        command.Parameters.Add(Text(row.Action));
        command.Parameters.Add(Text(row.CredentialRef));
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = row.Version is { } version ? version : DBNull.Value });
        command.Parameters.Add(Text(row.Fingerprint));
        command.Parameters.Add(Text(row.Outcome));
        command.Parameters.Add(Text(row.Reason));
        command.Parameters.Add(Text(row.CorrelationId));
        await using var reader = await command.ExecuteReaderAsync(deadline.Token).ConfigureAwait(false);
        return await reader.ReadAsync(deadline.Token).ConfigureAwait(false)
            ? (reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1))
            : throw new NpgsqlException("The insert returned no row.");
    }

    private static AuditEntry ReadEntry(NpgsqlDataReader reader) =>
        new(
            reader.GetInt64(0),
            reader.GetFieldValue<DateTimeOffset>(1),
            new AuditRecord(reader.GetString(2), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(10))
            {
                RuntimeId = OptionalString(reader, 3),
                CredentialRef = OptionalString(reader, 7),
                Version = reader.IsDBNull(8) ? null : reader.GetInt32(8),
                Fingerprint = OptionalString(reader, 9),
                Reason = OptionalString(reader, 11),
                CorrelationId = OptionalString(reader, 12),
            });

    private static string? OptionalString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = value is null ? DBNull.Value : value };

    private AuditWriteException Failed(AuditRecord row, string problem, Exception? cause)
    {
        // The cause is logged here, not attached: the exception crosses grain boundaries, and a driver's exception
        // type is neither serializable by Orleans nor something a caller should see.
        LogWriteFailed(logger, cause, row.Action, row.AccountId, row.CredentialRef, problem);
        return new AuditWriteException(row.AccountId, row.Action, problem);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Audit {Action} ({Outcome}) on account {AccountId} for {CredentialRef} version {Version} stored as row {RowId}")]
    private static partial void LogAppended(ILogger logger, string action, string outcome, string accountId, string? credentialRef, int? version, long rowId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit {Action} on account {AccountId} for {CredentialRef} could not be written ({Problem}); the change is refused")]
    private static partial void LogWriteFailed(ILogger logger, Exception? error, string action, string accountId, string? credentialRef, string problem);
}
