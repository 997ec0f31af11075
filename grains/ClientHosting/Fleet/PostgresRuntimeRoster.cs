using Npgsql;
using SkillsOrleans.Contracts.Fleet;

namespace SkillsOrleans.ClientHosting.Fleet;

/// <summary>The runtime roster in <c>skillsorleans_runtime</c> (deploy/sql/0013_runtime_roster.sql), read in pages by id.</summary>
public sealed class PostgresRuntimeRoster(NpgsqlDataSource dataSource) : IRuntimeRoster
{
    // The WHERE clause leaves an unchanged row alone: a host registering at every start writes nothing.
    private const string BindSql = """
        INSERT INTO skillsorleans_runtime AS r (runtime_id, account_id, updated_at) VALUES ($1, $2, now())
        ON CONFLICT (runtime_id) DO UPDATE SET account_id = EXCLUDED.account_id, updated_at = EXCLUDED.updated_at
         WHERE r.account_id IS DISTINCT FROM EXCLUDED.account_id
        """;

    private const string ForgetSql = "UPDATE skillsorleans_runtime SET account_id = NULL, updated_at = now() WHERE runtime_id = $1 AND account_id = $2";

    private const string HostSql = "INSERT INTO skillsorleans_runtime (runtime_id) VALUES ($1) ON CONFLICT (runtime_id) DO NOTHING";

    private const string PageSql = """
        SELECT runtime_id, account_id
          FROM skillsorleans_runtime
         WHERE $1::text IS NULL OR runtime_id > $1
         ORDER BY runtime_id
         LIMIT $2
        """;

    public Task RecordBindingAsync(string runtimeId, string accountId, CancellationToken cancellationToken) =>
        ExecuteAsync(BindSql, cancellationToken, runtimeId, accountId);

    public Task ForgetBindingAsync(string runtimeId, string accountId, CancellationToken cancellationToken) =>
        ExecuteAsync(ForgetSql, cancellationToken, runtimeId, accountId);

    public Task RecordHostAsync(string runtimeId, CancellationToken cancellationToken) =>
        ExecuteAsync(HostSql, cancellationToken, runtimeId);

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*)::int FROM skillsorleans_runtime");
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<FleetRuntimePage> ReadPageAsync(string? afterRuntimeId, int limit, CancellationToken cancellationToken)
    {
        var (runtimes, nextAfter) = await KeysetPages.ReadAsync(dataSource, PageSql, afterRuntimeId, limit,
            reader => new FleetIndexRuntime(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)),
            runtime => runtime.RuntimeId, cancellationToken);
        return new FleetRuntimePage(runtimes, nextAfter);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params string[] values)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new() { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
