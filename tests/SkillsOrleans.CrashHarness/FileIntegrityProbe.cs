namespace SkillsOrleans.CrashHarness;

/// <summary>
/// Looks at the runtime hosts' secret file and openclaw.json at random moments while the chaos runs: each one that
/// exists must parse as JSON and have mode 0600, whatever was killed and whenever.
/// </summary>
public sealed class FileIntegrityProbe(IReadOnlyList<RuntimeHostLayout> hosts, int seed)
{
    private readonly Lock _lock = new();
    private readonly List<string> _violations = [];
    private int _checks;

    public int Checks => Volatile.Read(ref _checks);

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_lock)
            {
                return [.. _violations];
            }
        }
    }

    /// <summary>Checks every host once, now.</summary>
    public void CheckAll(string when)
    {
        foreach (var host in hosts)
        {
            Check(host, when);
        }
    }

    public async Task RunAsync(Func<string> currentChaos, CancellationToken stop)
    {
        var random = new Random(seed);
        while (!stop.IsCancellationRequested)
        {
            Check(hosts[random.Next(hosts.Count)], currentChaos());
            try
            {
                await Task.Delay(random.Next(100, 1000), stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private void Check(RuntimeHostLayout host, string when)
    {
        var problems = HostFiles.Read(host).Problems;
        Interlocked.Increment(ref _checks);
        if (problems.Count > 0)
        {
            lock (_lock)
            {
                _violations.AddRange(problems.Select(problem => $"{Clock.Now} ({when}): {problem}"));
            }
        }
    }
}
