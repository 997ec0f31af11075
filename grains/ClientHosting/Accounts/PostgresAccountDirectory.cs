using Npgsql;
using SkillsOrleans.Contracts.Accounts;

namespace SkillsOrleans.ClientHosting.Accounts;

/// <summary>The account list in <c>skillsorleans_account</c> (deploy/sql/0012_account_directory.sql), read in pages by id.</summary>
public sealed class PostgresAccountDirectory(NpgsqlDataSource dataSource) : IAccountDirectory
{
    // The WHERE clause leaves an unchanged row alone: no new row version, nothing for vacuum.
    private const string UpsertSql = """
        INSERT INTO skillsorleans_account AS a (account_id, display_name, created_at, skills_poc_enabled, members, runtimes, keys_waiting, oldest_key_waiting_since, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
        ON CONFLICT (account_id) DO UPDATE
           SET display_name = EXCLUDED.display_name, created_at = EXCLUDED.created_at,
               skills_poc_enabled = EXCLUDED.skills_poc_enabled, members = EXCLUDED.members,
               runtimes = EXCLUDED.runtimes, keys_waiting = EXCLUDED.keys_waiting,
               oldest_key_waiting_since = EXCLUDED.oldest_key_waiting_since, updated_at = EXCLUDED.updated_at
         WHERE (a.display_name, a.created_at, a.skills_poc_enabled, a.members, a.runtimes, a.keys_waiting, a.oldest_key_waiting_since)
               IS DISTINCT FROM (EXCLUDED.display_name, EXCLUDED.created_at, EXCLUDED.skills_poc_enabled, EXCLUDED.members,
                                 EXCLUDED.runtimes, EXCLUDED.keys_waiting, EXCLUDED.oldest_key_waiting_since)
        """;

    private const string PageSql = """
        SELECT account_id, display_name, created_at, skills_poc_enabled, members, runtimes, keys_waiting, oldest_key_waiting_since
          FROM skillsorleans_account
         WHERE $1::text IS NULL OR account_id > $1
         ORDER BY account_id
         LIMIT $2
        """;

    private const string TallySql =
        "SELECT count(*)::int, coalesce(sum(keys_waiting), 0)::int, min(oldest_key_waiting_since) FROM skillsorleans_account";

    public async Task RecordAsync(AccountSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        await using var command = dataSource.CreateCommand(UpsertSql);
        command.Parameters.Add(new() { Value = summary.AccountId });
        command.Parameters.Add(new() { Value = summary.DisplayName });
        command.Parameters.Add(new() { Value = summary.CreatedAt });
        command.Parameters.Add(new() { Value = summary.SkillsPocEnabled });
        command.Parameters.Add(new() { Value = summary.Members });
        command.Parameters.Add(new() { Value = summary.Runtimes });
        command.Parameters.Add(new() { Value = summary.KeysWaiting });
        command.Parameters.Add(new() { Value = (object?)summary.OldestKeyWaitingSince ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<AccountTally> TallyAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(TallySql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new AccountTally(reader.GetInt32(0), reader.GetInt32(1), NullableTime(reader, 2));
    }

    public async Task<AccountSummaryPage> ReadPageAsync(string? afterAccountId, int limit, CancellationToken cancellationToken)
    {
        var (accounts, nextAfter) = await KeysetPages.ReadAsync(dataSource, PageSql, afterAccountId, limit, reader => new AccountSummary(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetFieldValue<DateTimeOffset>(2),
            reader.GetBoolean(3),
            reader.GetInt32(4),
            reader.GetInt32(5),
            reader.GetInt32(6),
            NullableTime(reader, 7)), account => account.AccountId, cancellationToken);
        return new AccountSummaryPage(accounts, nextAfter);
    }

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : reader.GetFieldValue<DateTimeOffset>(column);
}
