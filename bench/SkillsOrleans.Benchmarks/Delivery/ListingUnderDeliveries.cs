using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace SkillsOrleans.Benchmarks.Delivery;

/// <summary>
/// Does an account's credential listing wait for the account's deliveries? Against a running stack (started by
/// <c>bench/listing-under-deliveries.sh</c>): installs <c>credentials</c> skills in the runtime's workspace and drops
/// an agent's request for each key, waits until all are pending, then reads the listing alone (the floor), and
/// again while <c>writers</c> admins of the same account deliver keys back to back. Reports both and their ratio.
/// </summary>
public static class ListingUnderDeliveries
{
    private const string Account = "demo";
    private const string Runtime = "demo-runtime-1";
    private const string KeyName = "BENCH_KEY";

    public static async Task<int> RunAsync(Uri api, string workspace, int credentials, int writers, int reads)
    {
        if (writers < 1 || credentials < writers || reads < 1)
        {
            throw new ArgumentException("Needs at least one writer and one read, and a credential per writer.");
        }

        var admin = await DeliveryStackClient.SignInAsync(api, Account, "demo-admin");
        var refs = await RequestKeysAsync(admin, workspace, credentials);
        var versions = (await admin.ListCredentialsAsync()).Where(c => refs.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Value.Version);

        // Every key gets its first value before anything is measured, so all later deliveries are rotations alike.
        foreach (var credentialRef in refs)
        {
            versions[credentialRef] = await admin.SubmitAsync(credentialRef, versions[credentialRef], $"warm-{credentialRef}");
        }

        var idle = new LatencySample("listing, no deliveries");
        await ReadListingAsync(admin, idle, reads, refs.Count);

        var busy = new LatencySample($"listing, {writers} admins delivering");
        var deliveries = new LatencySample("delivery (plaintext, rotation)");
        using var stop = new CancellationTokenSource();
        var writing = Enumerable.Range(0, writers)
            .Select(w => DeliverAsync(admin, [.. refs.Where((_, i) => i % writers == w)], versions, deliveries, stop.Token))
            .ToList();
        await Task.Delay(TimeSpan.FromSeconds(1)); // let the writers reach a steady pace before reading
        await ReadListingAsync(admin, busy, reads, refs.Count);
        await stop.CancelAsync();
        await Task.WhenAll(writing);

        var final = await admin.ListCredentialsAsync();
        foreach (var credentialRef in refs)
        {
            if (final[credentialRef] != ("active", versions[credentialRef]))
            {
                throw new InvalidOperationException($"{credentialRef} lists as {final[credentialRef]}, not active at version {versions[credentialRef]}.");
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{credentials} credentials of account {Account}, {writers} concurrent writers, {reads} listing reads per phase; " +
            $"{deliveries.Count} deliveries while reading, all acknowledged and listed at their version"));
        Console.WriteLine();
        Console.WriteLine("| measured | n | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Console.WriteLine(idle.Row());
        Console.WriteLine(busy.Row());
        Console.WriteLine(deliveries.Row());
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"listing while delivering / listing alone: p50 x{busy.Percentile(50) / idle.Percentile(50):F2}, p99 x{busy.Percentile(99) / idle.Percentile(99):F2}"));
        return 0;
    }

    /// <summary>Installs one skill per key and drops an agent's request for it; returns the refs once all are listed.</summary>
    private static async Task<HashSet<string>> RequestKeysAsync(DeliveryStackClient admin, string workspace, int credentials)
    {
        var requests = Directory.CreateDirectory(Path.Combine(workspace, "requests", "skill-credentials")).FullName;
        var refs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < credentials; i++)
        {
            var skill = string.Create(CultureInfo.InvariantCulture, $"bench-key-{i:D4}");
            var folder = Directory.CreateDirectory(Path.Combine(workspace, "skills", skill)).FullName;
            await File.WriteAllTextAsync(Path.Combine(folder, "SKILL.md"),
                $"---\nname: {skill}\ndescription: A skill the delivery benchmark asks a key for.\n" +
                $"metadata: {{ \"openclaw\": {{ \"requires\": {{ \"env\": [\"{KeyName}\"] }} }} }}\n---\n\nBenchmark skill.\n");
            refs.Add($"{Account}/{Runtime}/{skill}/{KeyName}");
        }

        // Requests only after the skills are listed: the runtime refuses a request for a skill it has not seen.
        await WaitAsync(async () => (await admin.ListSkillKeysAsync()).Count(s => s.StartsWith("bench-key-", StringComparison.Ordinal)) >= credentials,
            $"{credentials} skills to be listed");
        for (var i = 0; i < credentials; i++)
        {
            var skill = string.Create(CultureInfo.InvariantCulture, $"bench-key-{i:D4}");
            await File.WriteAllTextAsync(Path.Combine(requests, skill + ".json"),
                JsonSerializer.Serialize(new { skill, key = KeyName, agentId = "main", reason = "delivery benchmark" }));
        }

        await WaitAsync(async () =>
        {
            var listed = await admin.ListCredentialsAsync();
            return refs.All(listed.ContainsKey);
        }, $"{credentials} requests to be listed");
        return refs;
    }

    private static async Task ReadListingAsync(DeliveryStackClient admin, LatencySample sample, int reads, int expected)
    {
        for (var i = 0; i < reads; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var listed = await admin.ListCredentialsAsync();
            sample.Add(Stopwatch.GetElapsedTime(started));
            if (listed.Count < expected)
            {
                throw new InvalidOperationException($"The listing held {listed.Count} credentials, not {expected}.");
            }
        }
    }

    private static async Task DeliverAsync(
        DeliveryStackClient admin, IReadOnlyList<string> refs, Dictionary<string, int> versions, LatencySample sample, CancellationToken stop)
    {
        for (var round = 0; !stop.IsCancellationRequested; round++)
        {
            var credentialRef = refs[round % refs.Count];
            int expected;
            lock (versions)
            {
                expected = versions[credentialRef];
            }

            var started = Stopwatch.GetTimestamp();
            var version = await admin.SubmitAsync(credentialRef, expected, $"rotated-{round}");
            sample.Add(Stopwatch.GetElapsedTime(started));
            lock (versions)
            {
                versions[credentialRef] = version;
            }
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 180);
        while (!await condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what}.");
            }

            await Task.Delay(250);
        }
    }
}
