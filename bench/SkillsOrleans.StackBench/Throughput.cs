using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using SkillsOrleans.CrashHarness;

namespace SkillsOrleans.StackBench;

/// <summary>
/// Sustained key deliveries across many accounts, on one core silo and then on two, in one run: one admin per account
/// rotating its account's keys back to back for a fixed time. Deliveries per second, their latency, and PostgreSQL's
/// rows and commits per delivery, side by side. Every answer is checked (200, <c>active</c>, the next version) and at
/// the end every listing and host secret file must hold each key's last version.
/// </summary>
public static class Throughput
{
    public static async Task<int> RunAsync(int accounts, int seconds, TextWriter output)
    {
        var runs = new List<ThroughputRun>();
        foreach (var coreSilos in new[] { 1, 2 })
        {
            runs.Add(await MeasureAsync(accounts, TimeSpan.FromSeconds(seconds), coreSilos, output));
        }

        output.WriteLine();
        output.WriteLine(Invariant($"{accounts} accounts (a runtime silo each, 2 keys each), one admin per account rotating its keys for {seconds} s:"));
        output.WriteLine();
        output.WriteLine("| core silos | deliveries | per second | p50 ms | p99 ms | state rows / delivery | index rows / delivery | audit rows / delivery | commits / delivery | load at end |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            output.WriteLine(Invariant(
                $"| {run.CoreSilos} | {run.Latencies.Count} | {run.PerSecond:F1} | {P(run.Latencies, 50):F1} | {P(run.Latencies, 99):F1} | {run.Rows("orleansstorage"):F2} | {run.Rows("skillsorleans_credential_index"):F2} | {run.Rows("skillsorleans_audit"):F2} | {(double)run.Writes.Commits / run.Latencies.Count:F2} | {run.Load} |"));
        }

        output.WriteLine();
        output.WriteLine(Invariant($"two core silos / one: ×{runs[1].PerSecond / runs[0].PerSecond:F2} deliveries per second"));
        return 0;
    }

    private static async Task<ThroughputRun> MeasureAsync(int accounts, TimeSpan window, int coreSilos, TextWriter output)
    {
        output.WriteLine($"starting the stack: PostgreSQL, {coreSilos} core silo(s), 2 APIs, {accounts} runtime silos");
        await using var stack = await BenchCluster.StartAsync(accounts, 1, keep: false, output, coreSilos);
        await TenantSetup.RequestAllAsync(stack.Apis, stack.Processes, stack.Keys, TimeSpan.FromMinutes(2));
        var delivery = new SealedDelivery(stack.Apis);
        var versions = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in stack.Keys)
        {
            await delivery.DeliverAsync(key, 0, DeliveryLatency.ValueOf(key, 1));
            versions[key.Ref] = 1;
        }

        await Task.Delay(PostgresWrites.SettleTime);
        var before = await PostgresWrites.ReadAsync(stack.Processes.ConnectionString);
        var latencies = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(stack.Tenants.Select(tenant => Task.Run(async () =>
        {
            var keys = stack.KeysOf(tenant).ToList();
            for (var round = 0; clock.Elapsed < window; round++)
            {
                var key = keys[round % keys.Count];
                var version = versions[key.Ref];
                latencies.Add((await delivery.DeliverAsync(key, version, DeliveryLatency.ValueOf(key, version + 1))).TotalMilliseconds);
                versions[key.Ref] = version + 1;
            }
        })));
        var elapsed = clock.Elapsed;
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        await Task.Delay(PostgresWrites.SettleTime);
        var writes = (await PostgresWrites.ReadAsync(stack.Processes.ConnectionString)).Since(before);
        await DeliveryLatency.CheckEverythingLandedAsync(stack, versions);
        return new ThroughputRun(coreSilos, [.. latencies], elapsed, writes, load);
    }

    private sealed record ThroughputRun(int CoreSilos, IReadOnlyList<double> Latencies, TimeSpan Elapsed, PostgresWrites Writes, string Load)
    {
        public double PerSecond => Latencies.Count / Elapsed.TotalSeconds;

        public double Rows(string table) => (double)Writes.RowsByTable.GetValueOrDefault(table) / Latencies.Count;
    }

    private static double P(IReadOnlyList<double> sample, double percent) => Percentile.Of([.. sample], percent)!.Value;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
