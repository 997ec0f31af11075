using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using SkillsOrleans.CrashHarness;

namespace SkillsOrleans.StackBench;

/// <summary>
/// Many accounts on the two core silos: <c>accounts</c> accounts made through the platform API by 16 callers at once
/// (each an account grain activated and stored, and its row in the account directory), then what they cost — resident
/// memory of the core silos and database size, per account — and how long the platform's account list (its first
/// page, and every page) and fleet view take at that size, next to one account's member list (the peer). Every creation must answer 201 and every
/// list must hold every account.
/// </summary>
public static class AccountScale
{
    private const int Callers = 16;
    private const int PageSize = 1000;

    public static async Task<int> RunAsync(int accounts, int reads, TextWriter output)
    {
        output.WriteLine($"starting the stack: PostgreSQL, 2 core silos, 2 APIs; then {accounts} accounts");
        await using var stack = await BenchCluster.StartAsync(0, 0, keep: false, output);
        var silos = stack.Processes.Of(NodeKind.CoreSilo).ToList();
        var connection = stack.Processes.ConnectionString;

        await Task.Delay(PostgresWrites.SettleTime);
        var memoryBefore = silos.Sum(silo => ProcessMemory.ResidentBytes(silo.ProcessId!.Value));
        var databaseBefore = await DatabaseBytesAsync(connection);

        // Each API reads the token issuer's keys on its first request: make that happen before the clock starts.
        foreach (var api in stack.Apis.Apis)
        {
            var first = await stack.Apis.SendToAsync(api, TenantSetup.PlatformAdmin, () => new HttpRequestMessage(HttpMethod.Get, "/api/platform/accounts"));
            if (!first.IsSuccess)
            {
                throw new InvalidOperationException($"{api.Name} answered {first.Status} {first.Failure} to the platform's account list.");
            }
        }

        var created = Stopwatch.StartNew();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i <= accounts; i = Interlocked.Increment(ref next))
            {
                var id = AccountId(i);
                var answer = await stack.Apis.SendAsync(TenantSetup.PlatformAdmin, () => new HttpRequestMessage(HttpMethod.Post, "/api/platform/accounts")
                {
                    Content = JsonContent.Create(new { accountId = id, displayName = id, ownerSubject = id + "-owner" }),
                });
                if (answer.Status != 201)
                {
                    throw new InvalidOperationException($"Creating {id} answered {answer.Status} {answer.Failure}: {answer.Body}");
                }
            }
        }));
        created.Stop();

        await Task.Delay(PostgresWrites.SettleTime);
        var memoryAfter = silos.Sum(silo => ProcessMemory.ResidentBytes(silo.ProcessId!.Value));
        var databaseAfter = await DatabaseBytesAsync(connection);

        var apis = stack.Apis;
        var peer = await TimeAsync(reads, async () => (await ListAsync(apis, AccountId(1) + "-owner", $"/api/accounts/{AccountId(1)}/members")).Count == 1);
        var firstPage = await TimeAsync(reads, async () =>
            (await ListAsync(apis, TenantSetup.PlatformAdmin, "/api/platform/accounts")).Count == Math.Min(accounts, PageSize));
        var wholeList = await TimeAsync(reads, async () => await CountAllPagesAsync(apis, "/api/platform/accounts", "accountId") == accounts);
        var fleet = await TimeAsync(reads, async () => (await ListAsync(apis, TenantSetup.PlatformAdmin, "/api/platform/fleet")).Count == 0);

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{accounts} accounts created in {created.Elapsed.TotalSeconds:F1} s by {Callers} callers: {accounts / created.Elapsed.TotalSeconds:F0} per second"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"core silos' resident memory: {memoryBefore / 1048576.0:F0} MiB before, {memoryAfter / 1048576.0:F0} MiB after: {(memoryAfter - memoryBefore) / (double)accounts / 1024:F1} KiB per account"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"database: {databaseBefore / 1048576.0:F1} MiB before, {databaseAfter / 1048576.0:F1} MiB after: {(databaseAfter - databaseBefore) / (double)accounts / 1024:F2} KiB per account"));
        output.WriteLine();
        output.WriteLine("| table | size on disk | live rows | dead rows |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var table in await TablesAsync(connection))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {table.Name} | {table.Bytes / 1048576.0:F1} MiB | {table.Live} | {table.Dead} |"));
        }

        output.WriteLine();
        output.WriteLine("| grain state rows of type | rows | payload bytes | per row |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var kind in await GrainStateRowsAsync(connection))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {kind.Type} | {kind.Rows} | {kind.Bytes} | {kind.Bytes / (double)kind.Rows:F0} |"));
        }

        output.WriteLine();
        output.WriteLine("| read | n | p50 ms | p95 ms | p99 ms | max ms | p50 / peer p50 |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        Row(output, "one account's members (peer)", peer, peer);
        Row(output, $"platform account list, first page ({Math.Min(accounts, PageSize)} of {accounts})", firstPage, peer);
        Row(output, $"platform account list, every page ({accounts})", wholeList, peer);
        Row(output, $"platform fleet view ({accounts} accounts, no runtime)", fleet, peer);
        return 0;
    }

    private static string AccountId(int i) => string.Create(CultureInfo.InvariantCulture, $"scale-{i:D6}");

    /// <summary>The database's size on disk, tables, indexes and TOAST together.</summary>
    private static async Task<long> DatabaseBytesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var size = new NpgsqlCommand("select pg_database_size(current_database())", connection);
        return (long)(await size.ExecuteScalarAsync())!;
    }

    /// <summary>The tables holding more than 1 MiB (with their indexes and TOAST), largest first, with live and dead row counts.</summary>
    private static async Task<List<(string Name, long Bytes, long Live, long Dead)>> TablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select relname, pg_total_relation_size(relid), n_live_tup, n_dead_tup from pg_stat_user_tables " +
            "where pg_total_relation_size(relid) > 1048576 order by 2 desc", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<(string, long, long, long)>();
        while (await reader.ReadAsync())
        {
            tables.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
        }

        return tables;
    }

    /// <summary>Grain state rows per grain type with their payloads' total size, largest first.</summary>
    private static async Task<List<(string Type, long Rows, long Bytes)>> GrainStateRowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select graintypestring, count(*), coalesce(sum(octet_length(payloadbinary)), 0)::bigint from orleansstorage group by 1 order by 3 desc", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var kinds = new List<(string, long, long)>();
        while (await reader.ReadAsync())
        {
            kinds.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return kinds;
    }

    /// <summary>Times <paramref name="reads"/> reads one after another; each must say it read everything it should.</summary>
    private static async Task<List<double>> TimeAsync(int reads, Func<Task<bool>> read)
    {
        var milliseconds = new List<double>(reads);
        for (var i = 0; i < reads; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var complete = await read();
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (!complete)
            {
                throw new InvalidOperationException("A read answered an incomplete list.");
            }

            milliseconds.Add(elapsed.TotalMilliseconds);
        }

        return milliseconds;
    }

    private static async Task<List<JsonElement>> ListAsync(ApiPair apis, string subject, string route)
    {
        var answer = await apis.SendAsync(subject, () => new HttpRequestMessage(HttpMethod.Get, route));
        if (!answer.IsSuccess)
        {
            throw new InvalidOperationException($"GET {route} answered {answer.Status} {answer.Failure}.");
        }

        using var body = JsonDocument.Parse(answer.Body);
        return [.. body.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>Reads a paged platform list whole (each page after the last id of the one before), checking the order.</summary>
    private static async Task<int> CountAllPagesAsync(ApiPair apis, string path, string idProperty)
    {
        var count = 0;
        string? last = null;
        while (true)
        {
            var route = last is null ? $"{path}?limit={PageSize}" : $"{path}?limit={PageSize}&after={last}";
            var page = await ListAsync(apis, TenantSetup.PlatformAdmin, route);
            foreach (var id in page.Select(e => e.GetProperty(idProperty).GetString()!))
            {
                if (last is not null && string.CompareOrdinal(id, last) <= 0)
                {
                    throw new InvalidOperationException($"{path} listed '{id}' after '{last}'.");
                }

                last = id;
                count++;
            }

            if (page.Count < PageSize)
            {
                return count;
            }
        }
    }

    private static void Row(TextWriter output, string name, List<double> sample, List<double> peer) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {sample.Count} | {P(sample, 50):F1} | {P(sample, 95):F1} | {P(sample, 99):F1} | {P(sample, 100):F1} | ×{P(sample, 50) / P(peer, 50):F0} |"));

    private static double P(List<double> sample, double percent) => Percentile.Of(sample, percent)!.Value;
}
