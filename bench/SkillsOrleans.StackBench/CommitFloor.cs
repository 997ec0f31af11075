using System.Diagnostics;
using Npgsql;

namespace SkillsOrleans.StackBench;

/// <summary>
/// PostgreSQL's floor for one durable write on this machine: a one-row insert committed on its own (the WAL flushed
/// to disk before the commit returns, as every grain state write and audit row is), into a table of its own in the
/// stack's database, over one open connection.
/// </summary>
public static class CommitFloor
{
    public static async Task<IReadOnlyList<double>> MeasureAsync(string connectionString, int samples)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("create table if not exists bench_commit_floor (id bigint primary key, at timestamptz not null)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var milliseconds = new List<double>(samples);
        await using var insert = new NpgsqlCommand("insert into bench_commit_floor (id, at) values ($1, now())", connection);
        var id = new NpgsqlParameter<long>();
        insert.Parameters.Add(id);
        await insert.PrepareAsync();
        var first = DateTimeOffset.UtcNow.Ticks;
        for (var i = 0; i < samples; i++)
        {
            id.TypedValue = first + i;
            var started = Stopwatch.GetTimestamp();
            await insert.ExecuteNonQueryAsync();
            milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        await using var count = new NpgsqlCommand("select count(*) from bench_commit_floor where id >= $1", connection);
        count.Parameters.Add(new NpgsqlParameter<long> { TypedValue = first });
        return (long)(await count.ExecuteScalarAsync())! >= samples
            ? milliseconds
            : throw new InvalidOperationException("The commit floor's rows are not all there.");
    }
}
