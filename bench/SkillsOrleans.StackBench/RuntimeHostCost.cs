using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SkillsOrleans.CrashHarness;

namespace SkillsOrleans.StackBench;

/// <summary>
/// What a runtime host and the grains its keys make cost, on real processes: <c>runtimes</c> runtime silos started one
/// at a time (each timed from its process start to its runtime registered, next to the core silos' own start, the
/// peer), their resident memory and what they add to the core silos; then every key of their skills requested by an
/// agent's request file (a credential grain each, activated and stored), with memory and database per credential;
/// then the cost of deactivating and activating those grains: the core silos stopped and started one after the other
/// (SIGTERM, as an orchestrator's rolling restart does), the first listing and delivery after that against the next
/// one, and each runtime silo stopped and started again. Every answer is checked, and so is the end state.
/// </summary>
public static class RuntimeHostCost
{
    /// <summary>Keys per runtime delivered before the restart and then timed cold and warm.</summary>
    private const int TimedKeysPerRuntime = 4;

    private static readonly TimeSpan StopAllowance = TimeSpan.FromMinutes(1);

    public static async Task<int> RunAsync(int runtimes, int skillsPerRuntime, TextWriter output)
    {
        output.WriteLine($"starting the stack: PostgreSQL, 2 core silos, 2 APIs; then {runtimes} runtime silos one at a time");
        // The run directory (each process's log) is kept: a figure that looks wrong can be read back.
        await using var stack = await BenchCluster.StartAsync(runtimes, skillsPerRuntime, keep: true, output, withRuntimes: false);
        output.WriteLine($"run directory (kept): {stack.RunDirectory}");
        await WarmApisAsync(stack.Apis);
        await Task.Delay(PostgresWrites.SettleTime);
        var bare = await StackFootprint.ReadAsync(stack.Processes);
        var coreStarts = stack.Processes.Of(NodeKind.CoreSilo).Select(StartTook).ToList();

        // Each phase prints what it measured at once: a later phase that fails leaves the earlier figures standing.
        await stack.StartRuntimesAsync(startingAtOnce: 1);
        var runtimeStarts = stack.Processes.Of(NodeKind.RuntimeSilo).Select(StartTook).ToList();
        var allOnline = await WaitAllOnlineAsync(stack, runtimes);
        await Task.Delay(PostgresWrites.SettleTime);
        var withHosts = await StackFootprint.ReadAsync(stack.Processes);
        var hostMemory = stack.Processes.Of(NodeKind.RuntimeSilo).Select(silo => ProcessMemory.ResidentBytes(silo.ProcessId!.Value) / 1048576.0).ToList();
        output.WriteLine();
        output.WriteLine(Invariant($"{runtimes} runtime silos, {skillsPerRuntime} skills of 2 keys each per runtime: {stack.Keys.Count} credentials"));
        output.WriteLine();
        output.WriteLine("| step | n | p50 ms | max ms | p50 / peer p50 |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        Row(output, "core silo start to healthy (peer)", coreStarts, coreStarts);
        Row(output, "runtime silo start to its runtime registered", runtimeStarts, coreStarts);
        output.WriteLine(Invariant($"| every runtime online in the fleet summary, after the last start | 1 | {allOnline.TotalMilliseconds:F1} | | |"));
        output.WriteLine("runtime silo starts in order, ms: " + string.Join(", ", runtimeStarts.Select(ms => ms.ToString("F0", CultureInfo.InvariantCulture))));
        output.WriteLine(Invariant(
            $"runtime silos' resident memory: p50 {P(hostMemory, 50):F0} MiB, max {P(hostMemory, 100):F0} MiB, {hostMemory.Sum():F0} MiB in all"));
        output.WriteLine(Invariant(
            $"core silos' resident memory: {Mib(bare.Memory)} MiB with no runtime silo, {Mib(withHosts.Memory)} MiB with {runtimes}: {(withHosts.Memory - bare.Memory) / (double)runtimes / 1024:F0} KiB per runtime silo"));

        var credentials = stack.Keys.Count;
        var requested = Stopwatch.StartNew();
        await TenantSetup.RequestAllAsync(stack.Apis, stack.Processes, stack.Keys, TimeSpan.FromMinutes(30));
        requested.Stop();
        await Task.Delay(PostgresWrites.SettleTime);
        var withCredentials = await StackFootprint.ReadAsync(stack.Processes);
        output.WriteLine(Invariant(
            $"{credentials} requests pending in {requested.Elapsed.TotalSeconds:F1} s ({credentials / requested.Elapsed.TotalSeconds:F0} per second)"));
        output.WriteLine(Invariant(
            $"core silos' resident memory: {Mib(withCredentials.Memory)} MiB with every credential grain active: {(withCredentials.Memory - withHosts.Memory) / (double)credentials / 1024:F1} KiB per credential"));
        output.WriteLine(Invariant(
            $"database: {Mib(withHosts.Database)} MiB before the requests, {Mib(withCredentials.Database)} MiB after: {(withCredentials.Database - withHosts.Database) / (double)credentials / 1024:F2} KiB per credential"));
        await StackFootprint.PrintGrainStateRowsAsync(output, stack.Processes.ConnectionString);

        var delivery = new SealedDelivery(stack.Apis);
        var timed = stack.Tenants.SelectMany(tenant => stack.KeysOf(tenant).Take(TimedKeysPerRuntime)).ToList();
        foreach (var key in timed)
        {
            await delivery.DeliverAsync(key, 0, DeliveryLatency.ValueOf(key, 1));
        }

        var coreStops = new List<double>();
        var coreRestarts = new List<double>();
        foreach (var core in stack.Processes.Of(NodeKind.CoreSilo).ToList())
        {
            coreStops.Add(await StopAsync(core));
            await stack.Processes.StartNodeAsync(core, stack.Health);
            coreRestarts.Add(StartTook(core));
        }

        output.WriteLine();
        output.WriteLine("| step | n | p50 ms | max ms | p50 / peer p50 |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        Row(output, "core silo stop (SIGTERM to exit), rolling", coreStops, coreStarts);
        Row(output, "core silo start again, rolling", coreRestarts, coreStarts);
        var onlineAgain = await WaitAllOnlineAsync(stack, runtimes);
        output.WriteLine(Invariant($"| every runtime online again after the rolling restart | 1 | {onlineAgain.TotalMilliseconds:F1} | | |"));

        var coldListings = await ListEachAsync(stack, skillsPerRuntime * 2);
        var warmListings = await ListEachAsync(stack, skillsPerRuntime * 2);
        var coldDeliveries = await DeliverEachAsync(delivery, timed, fromVersion: 1);
        var warmDeliveries = await DeliverEachAsync(delivery, timed, fromVersion: 2);
        output.WriteLine();
        output.WriteLine("| read or write after the rolling restart | n | p50 ms | max ms | p50 / warm p50 |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        Row(output, Invariant($"account's credential listing ({skillsPerRuntime * 2} credentials), first (cold)"), coldListings, warmListings);
        Row(output, "the same, next (warm, the peer)", warmListings, warmListings);
        Row(output, "key delivery, first to its credential (cold)", coldDeliveries, warmDeliveries);
        Row(output, "key delivery, next to the same credential (warm, the peer)", warmDeliveries, warmDeliveries);

        var runtimeStops = new List<double>();
        var runtimeRestarts = new List<double>();
        foreach (var host in stack.Processes.Of(NodeKind.RuntimeSilo).ToList())
        {
            runtimeStops.Add(await StopAsync(host));
            await stack.Processes.StartNodeAsync(host, stack.Health);
            runtimeRestarts.Add(StartTook(host));
        }

        await CheckEndStateAsync(stack, timed, lastVersion: 3);
        output.WriteLine();
        output.WriteLine("| step | n | p50 ms | max ms | p50 / peer p50 |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        Row(output, "runtime silo stop (SIGTERM to exit)", runtimeStops, coreStarts);
        Row(output, "runtime silo start again to its runtime registered", runtimeRestarts, coreStarts);
        return 0;
    }

    /// <summary>Each API reads the token issuer's keys on its first request: that happens before anything is timed.</summary>
    private static async Task WarmApisAsync(ApiPair apis)
    {
        foreach (var api in apis.Apis)
        {
            var first = await apis.SendToAsync(api, TenantSetup.PlatformAdmin, () => new HttpRequestMessage(HttpMethod.Get, "/api/platform/fleet/summary"));
            if (!first.IsSuccess)
            {
                throw new InvalidOperationException($"{api.Name} answered {first.Status} {first.Failure} to the fleet summary.");
            }
        }
    }

    /// <summary>Polls the fleet summary until every runtime is online; how long that took.</summary>
    private static async Task<TimeSpan> WaitAllOnlineAsync(BenchCluster stack, int runtimes)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var answer = await stack.Apis.SendAsync(TenantSetup.PlatformAdmin, () => new HttpRequestMessage(HttpMethod.Get, "/api/platform/fleet/summary"));
            if (answer.IsSuccess)
            {
                using var summary = JsonDocument.Parse(answer.Body);
                if (summary.RootElement.GetProperty("online").GetInt32() == runtimes)
                {
                    return Stopwatch.GetElapsedTime(started);
                }
            }

            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException(
                    $"The fleet summary did not show {runtimes} runtimes online within 3 minutes: {answer.Body}; {await NotOnlineAsync(stack)}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Which runtimes the fleet does not show online, and what each one's silo says of itself.</summary>
    private static async Task<string> NotOnlineAsync(BenchCluster stack)
    {
        var page = await stack.Apis.SendAsync(TenantSetup.PlatformAdmin, () => new HttpRequestMessage(HttpMethod.Get, "/api/platform/fleet?limit=1000"));
        if (!page.IsSuccess)
        {
            return $"the fleet page answered {page.Status}";
        }

        using var fleet = JsonDocument.Parse(page.Body);
        var lines = new List<string>();
        foreach (var listing in fleet.RootElement.EnumerateArray().Where(listing => listing.GetProperty("state").GetString() != "online"))
        {
            var runtime = listing.GetProperty("runtime").GetString()!;
            var silo = stack.Processes.Of(NodeKind.RuntimeSilo).Single(node => node.Name == runtime);
            string health;
            try
            {
                health = silo.IsRunning ? await stack.Health.GetStringAsync(new Uri(silo.Url, "/health")) : $"not running (exit {silo.ExitCode})";
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                health = $"/health failed: {error.Message}";
            }

            lines.Add($"{runtime} is {listing.GetProperty("state").GetString()} in the fleet; its silo: {health}");
        }

        return "not online: " + string.Join("; ", lines);
    }

    private static async Task<double> StopAsync(ClusterNode node)
    {
        var started = Stopwatch.GetTimestamp();
        if (!await node.StopGracefullyAsync(StopAllowance))
        {
            throw new InvalidOperationException($"{node.Name} did not exit within {StopAllowance} of SIGTERM; see {node.LogFile}.");
        }

        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>Each account's credential listing once, timed; each must list all of its credentials.</summary>
    private static async Task<List<double>> ListEachAsync(BenchCluster stack, int perAccount)
    {
        var times = new List<double>();
        foreach (var tenant in stack.Tenants)
        {
            var started = Stopwatch.GetTimestamp();
            var listing = await CredentialListing.ReadAsync(stack.Apis, tenant);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (listing?.Count != perAccount)
            {
                throw new InvalidOperationException($"{tenant.AccountId} listed {listing?.Count} credentials, not {perAccount}.");
            }
        }

        return times;
    }

    private static async Task<List<double>> DeliverEachAsync(SealedDelivery delivery, IReadOnlyList<CredentialTrack> keys, int fromVersion)
    {
        var times = new List<double>();
        foreach (var key in keys)
        {
            times.Add((await delivery.DeliverAsync(key, fromVersion, DeliveryLatency.ValueOf(key, fromVersion + 1))).TotalMilliseconds);
        }

        return times;
    }

    /// <summary>The timed keys are active at their last version in the listing and on their host; every other key is pending.</summary>
    private static async Task CheckEndStateAsync(BenchCluster stack, IReadOnlyList<CredentialTrack> timed, int lastVersion)
    {
        var delivered = timed.Select(key => key.Ref).ToHashSet(StringComparer.Ordinal);
        foreach (var tenant in stack.Tenants)
        {
            var listing = await CredentialListing.ReadAsync(stack.Apis, tenant)
                ?? throw new InvalidOperationException($"No API listed {tenant.AccountId}'s credentials.");
            var host = HostFiles.Read(stack.Host(tenant));
            foreach (var key in stack.KeysOf(tenant))
            {
                var expected = delivered.Contains(key.Ref) ? new ListedCredential("active", lastVersion) : new ListedCredential("pending", 0);
                if (!listing.TryGetValue(key.Ref, out var listed) || listed != expected)
                {
                    throw new InvalidOperationException($"{key.Ref} lists as {listed}, not {expected}.");
                }

                if (delivered.Contains(key.Ref) && host.SecretValue(tenant.AccountId, key.Skill.SkillKey, key.KeyName) != DeliveryLatency.ValueOf(key, lastVersion))
                {
                    throw new InvalidOperationException($"The host of {key.Ref} does not hold version {lastVersion}.");
                }
            }
        }
    }

    private static double StartTook(ClusterNode node) => node.LastStartTook!.Value.TotalMilliseconds;

    private static void Row(TextWriter output, string name, List<double> sample, List<double> peer) =>
        output.WriteLine(Invariant($"| {name} | {sample.Count} | {P(sample, 50):F1} | {P(sample, 100):F1} | ×{P(sample, 50) / P(peer, 50):F2} |"));

    private static double P(List<double> sample, double percent) => Percentile.Of(sample, percent)!.Value;

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("F0", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
