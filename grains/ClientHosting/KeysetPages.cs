using Npgsql;
using NpgsqlTypes;

namespace SkillsOrleans.ClientHosting;

/// <summary>
/// Reads one page of a table listed by id: a query taking the id to continue after (<c>$1</c>, null for the first
/// page) and a row limit (<c>$2</c>), ordered by id. It asks for one row more than the page holds, which tells whether
/// another page follows without counting.
/// </summary>
internal static class KeysetPages
{
    /// <summary>The most rows one page may hold.</summary>
    public const int MaxPageSize = 1000;

    /// <returns>The page's rows, and the id to continue after (null on the last page).</returns>
    public static async Task<(List<T> Rows, string? NextAfter)> ReadAsync<T>(
        NpgsqlDataSource dataSource, string sql, string? after, int limit,
        Func<NpgsqlDataReader, T> read, Func<T, string> idOf, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = limit + 1 });
        var rows = new List<T>(limit + 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        if (rows.Count <= limit)
        {
            return (rows, null);
        }

        rows.RemoveAt(limit);
        return (rows, idOf(rows[^1]));
    }
}
