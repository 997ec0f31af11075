using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using SkillsOrleans.CrashHarness;

namespace SkillsOrleans.StackBench;

/// <summary>
/// How long a pasted key takes to become <c>active</c> on its host, next to the disk's floor measured in the same run:
/// one admin delivering alone, then <see cref="DeliveryOptions.Concurrency"/> admins at once on as many accounts, then
/// as many on one account; also how long a request file takes to show as pending, and the PostgreSQL rows written
/// per delivery. Every answer is checked, and at the end every listing and every host file must hold the last version.
/// </summary>
public static class DeliveryLatency
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(DeliveryOptions options, TextWriter output)
    {
        var tenants = Math.Max(options.Concurrency, 1);
        var skills = Math.Max((options.Concurrency + 1) / 2, 2); // one tenant has a key for each admin of the same-account phase
        output.WriteLine($"starting the stack: PostgreSQL, 2 core silos, 2 APIs, {tenants} runtime silos ({skills} skills, {skills * 2} keys each)");
        await using var stack = await BenchCluster.StartAsync(tenants, skills, options.Keep, output);
        output.WriteLine($"stack up in {stack.RunDirectory}; load {Load()}");

        var pickup = await RequestPickup.MeasureAsync(stack);
        var delivery = new SealedDelivery(stack.Apis);
        var versions = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in stack.Keys)
        {
            await delivery.DeliverAsync(key, 0, ValueOf(key, 1)); // every key active before anything is timed
            versions[key.Ref] = 1;
        }

        var first = stack.Tenants[0];
        var floorDirectory = Path.GetDirectoryName(stack.Host(first).SecretsFile)!;
        var floorBefore = DiskFloor.Measure(floorDirectory, options.FloorSamples);
        var commitFloor = await CommitFloor.MeasureAsync(stack.Processes.ConnectionString, options.FloorSamples);

        await Task.Delay(PostgresWrites.SettleTime);
        var writesBefore = await PostgresWrites.ReadAsync(stack.Processes.ConnectionString);
        var stepsBefore = await StepBreakdown.ScrapeAsync(stack.Health, stack.Processes.Nodes);
        var alone = await RunWorkersAsync(delivery, versions, [[.. stack.KeysOf(first)]], options.Samples);
        var steps = (await StepBreakdown.ScrapeAsync(stack.Health, stack.Processes.Nodes)).Since(stepsBefore);
        await Task.Delay(PostgresWrites.SettleTime);
        var writes = (await PostgresWrites.ReadAsync(stack.Processes.ConnectionString)).Since(writesBefore);

        var acrossAccounts = await RunWorkersAsync(delivery, versions,
            [.. stack.Tenants.Take(options.Concurrency).Select(tenant => (IReadOnlyList<CredentialTrack>)[.. stack.KeysOf(tenant)])], options.RoundsPerAdmin);
        var oneAccount = await RunWorkersAsync(delivery, versions,
            [.. stack.KeysOf(first).Take(options.Concurrency).Select(key => (IReadOnlyList<CredentialTrack>)[key])], options.RoundsPerAdmin);
        var floorAfter = DiskFloor.Measure(floorDirectory, options.FloorSamples);

        await CheckEverythingLandedAsync(stack, versions);
        var report = new DeliveryReport(options, Load(), pickup, floorBefore, floorAfter, commitFloor, alone, acrossAccounts, oneAccount, writes, steps, options.Samples);
        report.Print(output);
        if (options.Out is { } path)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report.Figures(), Indented));
        }

        return 0;
    }

    /// <summary>The value delivered as a key's version: distinct per key and version, so the host file proves which one it holds.</summary>
    public static string ValueOf(CredentialTrack key, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"bench-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key.Ref)))[..12]}-v{version}");

    /// <summary>Each worker delivers to its own keys in turn, one delivery at a time, <paramref name="rounds"/> times.</summary>
    private static async Task<IReadOnlyList<double>> RunWorkersAsync(
        SealedDelivery delivery, ConcurrentDictionary<string, int> versions, IReadOnlyList<IReadOnlyList<CredentialTrack>> workers, int rounds)
    {
        var milliseconds = new ConcurrentBag<double>();
        await Task.WhenAll(workers.Select(keys => Task.Run(async () =>
        {
            for (var round = 0; round < rounds; round++)
            {
                var key = keys[round % keys.Count];
                var version = versions[key.Ref];
                milliseconds.Add((await delivery.DeliverAsync(key, version, ValueOf(key, version + 1))).TotalMilliseconds);
                versions[key.Ref] = version + 1;
            }
        })));
        return [.. milliseconds];
    }

    /// <summary>Every listing and every host secret file must hold each key's last delivered version.</summary>
    public static async Task CheckEverythingLandedAsync(BenchCluster stack, ConcurrentDictionary<string, int> versions)
    {
        foreach (var tenant in stack.Tenants)
        {
            var listing = await CredentialListing.ReadAsync(stack.Apis, tenant)
                ?? throw new InvalidOperationException($"No API listed {tenant.AccountId}'s credentials.");
            var host = HostFiles.Read(stack.Host(tenant));
            foreach (var key in stack.KeysOf(tenant))
            {
                var version = versions[key.Ref];
                if (!listing.TryGetValue(key.Ref, out var listed) || listed != new ListedCredential("active", version))
                {
                    throw new InvalidOperationException($"{key.Ref} lists as {listed}, not active v{version}.");
                }

                if (host.SecretValue(tenant.AccountId, key.Skill.SkillKey, key.KeyName) != ValueOf(key, version))
                {
                    throw new InvalidOperationException($"The host of {key.Ref} does not hold version {version}.");
                }
            }
        }
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
