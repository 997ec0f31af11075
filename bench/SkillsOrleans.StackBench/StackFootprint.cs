using System.Globalization;
using Npgsql;
using SkillsOrleans.CrashHarness;

namespace SkillsOrleans.StackBench;

/// <summary>The core silos' resident memory and the database's size, read together.</summary>
public sealed record StackFootprint(long Memory, long Database)
{
    public static async Task<StackFootprint> ReadAsync(StackProcesses processes)
    {
        ArgumentNullException.ThrowIfNull(processes);
        return new StackFootprint(
            processes.Of(NodeKind.CoreSilo).Sum(silo => ProcessMemory.ResidentBytes(silo.ProcessId!.Value)),
            await DatabaseBytesAsync(processes.ConnectionString));
    }

    /// <summary>The database's size on disk, tables, indexes and TOAST together.</summary>
    public static async Task<long> DatabaseBytesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var size = new NpgsqlCommand("select pg_database_size(current_database())", connection);
        return (long)(await size.ExecuteScalarAsync())!;
    }

    /// <summary>Grain state rows per grain type with their payloads' total size, largest first, as a table.</summary>
    public static async Task PrintGrainStateRowsAsync(TextWriter output, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine();
        output.WriteLine("| grain state rows of type | rows | payload bytes | per row |");
        output.WriteLine("|---|---:|---:|---:|");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select graintypestring, count(*), coalesce(sum(octet_length(payloadbinary)), 0)::bigint from orleansstorage group by 1 order by 3 desc", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var (type, rows, bytes) = (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {type} | {rows} | {bytes} | {bytes / (double)rows:F0} |"));
        }
    }
}
