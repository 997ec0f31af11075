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
/// page, and every page) and fleet view take at that size, next to one account's member list (the peer). Optionally
/// then <c>runtimes</c> runtimes bound across those accounts, and the same for them. Every write must answer its
/// expected status and every list must hold everything it should.
/// </summary>
public static class AccountScale
{
    private const int Callers = 16;
    private const int PageSize = 1000;

    public static async Task<int> RunAsync(int accounts, int reads, int runtimes, TextWriter output)
    {
        output.WriteLine($"starting the stack: PostgreSQL, 2 core silos, 2 APIs; then {accounts} accounts");
        await using var stack = await BenchCluster.StartAsync(0, 0, keep: false, output);
        var connection = stack.Processes.ConnectionString;

        await Task.Delay(PostgresWrites.SettleTime);
        var before = await StackFootprint.ReadAsync(stack.Processes);

        // Each API reads the token issuer's keys on its first request: make that happen before the clock starts.
        foreach (var api in stack.Apis.Apis)
        {
            var first = await stack.Apis.SendToAsync(api, TenantSetup.PlatformAdmin, () => new HttpRequestMessage(HttpMethod.Get, "/api/platform/accounts"));
            if (!first.IsSuccess)
            {
                throw new InvalidOperationException($"{api.Name} answered {first.Status} {first.Failure} to the platform's account list.");
            }
        }

        var created = await ManyAsync(stack.Apis, accounts, 201, i =>
        {
            var id = AccountId(i);
            return new HttpRequestMessage(HttpMethod.Post, "/api/platform/accounts")
            {
                Content = JsonContent.Create(new { accountId = id, displayName = id, ownerSubject = id + "-owner" }),
            };
        });

        await Task.Delay(PostgresWrites.SettleTime);
        var after = await StackFootprint.ReadAsync(stack.Processes);

        var apis = stack.Apis;
        var peer = await TimeAsync(reads, async () => (await ListAsync(apis, AccountId(1) + "-owner", $"/api/accounts/{AccountId(1)}/members")).Count == 1);
        var firstPage = await TimeAsync(reads, async () =>
            (await ListAsync(apis, TenantSetup.PlatformAdmin, "/api/platform/accounts")).Count == Math.Min(accounts, PageSize));
        var wholeList = await TimeAsync(reads, async () => await CountAllPagesAsync(apis, "/api/platform/accounts", "accountId") == accounts);
        var fleet = await TimeAsync(reads, async () => (await ListAsync(apis, TenantSetup.PlatformAdmin, "/api/platform/fleet")).Count == 0);

        PrintGrowth(output, $"{accounts} accounts created", accounts, "account", created, before, after);
        output.WriteLine();
        output.WriteLine("| table | size on disk | live rows | dead rows |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var table in await TablesAsync(connection))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {table.Name} | {table.Bytes / 1048576.0:F1} MiB | {table.Live} | {table.Dead} |"));
        }

        await StackFootprint.PrintGrainStateRowsAsync(output, connection);
        ReadsHeader(output);
        Row(output, "one account's members (peer)", peer, peer);
        Row(output, $"platform account list, first page ({Math.Min(accounts, PageSize)} of {accounts})", firstPage, peer);
        Row(output, $"platform account list, every page ({accounts})", wholeList, peer);
        Row(output, $"platform fleet view ({accounts} accounts, no runtime)", fleet, peer);
        if (runtimes > 0)
        {
            await RuntimeScaleAsync(stack, accounts, runtimes, reads, peer, output);
        }

        return 0;
    }

    /// <summary>
    /// Binds <paramref name="runtimes"/> runtimes across the accounts, round robin, as a platform admin does before
    /// their hosts first start (a runtime directory grain each, the account's binding, the fleet index's entry), then
    /// what that costs per runtime and how long the fleet view takes at that size. No host runs: every runtime lists
    /// as offline, which is the same read as an online one less the host's report.
    /// </summary>
    private static async Task RuntimeScaleAsync(BenchCluster stack, int accounts, int runtimes, int reads, List<double> peer, TextWriter output)
    {
        var before = await StackFootprint.ReadAsync(stack.Processes);
        var bound = await ManyAsync(stack.Apis, runtimes, 200, i => new HttpRequestMessage(HttpMethod.Put, $"/api/platform/runtimes/{RuntimeId(i)}/binding")
        {
            Content = JsonContent.Create(new { accountId = AccountId(((i - 1) % accounts) + 1) }),
        });

        await Task.Delay(PostgresWrites.SettleTime);
        var after = await StackFootprint.ReadAsync(stack.Processes);
        var apis = stack.Apis;
        var firstPage = await TimeAsync(reads, async () =>
            (await ListAsync(apis, TenantSetup.PlatformAdmin, "/api/platform/fleet")).Count == Math.Min(runtimes, PageSize));
        var wholeFleet = await TimeAsync(reads, async () => await CountAllPagesAsync(apis, "/api/platform/fleet", "runtime") == runtimes);
        var summary = await TimeAsync(reads, async () =>
        {
            var answer = await apis.SendAsync(TenantSetup.PlatformAdmin, () => new HttpRequestMessage(HttpMethod.Get, "/api/platform/fleet/summary"));
            using var figures = JsonDocument.Parse(answer.Body);
            return answer.IsSuccess
                && figures.RootElement.GetProperty("runtimes").GetInt32() == runtimes
                && figures.RootElement.GetProperty("accounts").GetInt32() == accounts;
        });

        PrintGrowth(output, $"{runtimes} runtimes bound across {accounts} accounts", runtimes, "runtime", bound, before, after);
        await StackFootprint.PrintGrainStateRowsAsync(output, stack.Processes.ConnectionString);
        ReadsHeader(output);
        Row(output, $"platform fleet view, first page ({Math.Min(runtimes, PageSize)} of {runtimes} runtimes)", firstPage, peer);
        Row(output, $"platform fleet view, every page ({runtimes} runtimes)", wholeFleet, peer);
        Row(output, $"platform fleet summary ({runtimes} runtimes, {accounts} accounts)", summary, peer);
    }

    /// <summary>
    /// Sends <paramref name="count"/> writes by <see cref="Callers"/> callers at once, as the platform admin; each must
    /// answer its expected status. Also how fast the first and the last tenth went, to show a rate that falls with size.
    /// </summary>
    private static async Task<ManyWrites> ManyAsync(ApiPair apis, int count, int expected, Func<int, HttpRequestMessage> write)
    {
        var finishedAt = new double[count];
        var clock = Stopwatch.StartNew();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i <= count; i = Interlocked.Increment(ref next))
            {
                var index = i;
                var answer = await apis.SendAsync(TenantSetup.PlatformAdmin, () => write(index));
                if (answer.Status != expected)
                {
                    throw new InvalidOperationException($"Write {i} answered {answer.Status} {answer.Failure}: {answer.Body}");
                }

                finishedAt[i - 1] = clock.Elapsed.TotalSeconds;
            }
        }));
        clock.Stop();
        return new ManyWrites(clock.Elapsed, finishedAt);
    }

    private sealed record ManyWrites(TimeSpan Elapsed, double[] FinishedAt)
    {
        private double[] Ordered => [.. FinishedAt.Order()];

        private int Tenth => Math.Max(FinishedAt.Length / 10, 1);

        public double RateOfFirstTenth => Tenth / Ordered[Tenth - 1];

        public double RateOfLastTenth => FinishedAt.Length <= Tenth ? RateOfFirstTenth : Tenth / (Ordered[^1] - Ordered[^(Tenth + 1)]);
    }

    /// <summary>How fast <paramref name="count"/> things were made and what each costs in memory and database.</summary>
    private static void PrintGrowth(TextWriter output, string made, int count, string noun, ManyWrites writes, StackFootprint before, StackFootprint after)
    {
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{made} in {writes.Elapsed.TotalSeconds:F1} s by {Callers} callers: {count / writes.Elapsed.TotalSeconds:F0} per second (first tenth {writes.RateOfFirstTenth:F0}/s, last tenth {writes.RateOfLastTenth:F0}/s)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"core silos' resident memory: {before.Memory / 1048576.0:F0} MiB before, {after.Memory / 1048576.0:F0} MiB after: {(after.Memory - before.Memory) / (double)count / 1024:F1} KiB per {noun}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"database: {before.Database / 1048576.0:F1} MiB before, {after.Database / 1048576.0:F1} MiB after: {(after.Database - before.Database) / (double)count / 1024:F2} KiB per {noun}"));
    }

    private static void ReadsHeader(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("| read | n | p50 ms | p95 ms | p99 ms | max ms | p50 / peer p50 |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
    }

    private static string RuntimeId(int i) => string.Create(CultureInfo.InvariantCulture, $"scale-rt-{i:D6}");

    private static string AccountId(int i) => string.Create(CultureInfo.InvariantCulture, $"scale-{i:D6}");

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
