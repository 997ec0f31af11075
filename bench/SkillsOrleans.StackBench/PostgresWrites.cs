using Npgsql;

namespace SkillsOrleans.StackBench;

/// <summary>
/// Rows inserted, updated and deleted per table, and transactions committed, in the stack's database, from
/// PostgreSQL's cumulative statistics. Backends publish their counts when idle, at most every ten seconds, so a
/// reading is taken only after the load stopped for longer than that (<see cref="SettleTime"/>).
/// </summary>
public sealed record PostgresWrites(IReadOnlyDictionary<string, long> RowsByTable, long Commits)
{
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(11);

    public static async Task<PostgresWrites> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var tables = new NpgsqlCommand(
            "select relname, n_tup_ins + n_tup_upd + n_tup_del from pg_stat_user_tables", connection))
        await using (var reader = await tables.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        await using var commits = new NpgsqlCommand("select xact_commit from pg_stat_database where datname = current_database()", connection);
        return new PostgresWrites(rows, (long)(await commits.ExecuteScalarAsync())!);
    }

    /// <summary>What happened between <paramref name="before"/> and this reading, per table (tables with no change left out).</summary>
    public PostgresWrites Since(PostgresWrites before) => new(
        RowsByTable
            .Select(table => (table.Key, Rows: table.Value - before.RowsByTable.GetValueOrDefault(table.Key)))
            .Where(table => table.Rows != 0)
            .ToDictionary(table => table.Key, table => table.Rows, StringComparer.Ordinal),
        Commits - before.Commits);
}
