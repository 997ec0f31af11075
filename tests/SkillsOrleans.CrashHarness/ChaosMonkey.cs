namespace SkillsOrleans.CrashHarness;

/// <summary>
/// Kills what a <see cref="ChaosEvent"/> names with SIGKILL (PostgreSQL with <c>pg_ctl stop -m immediate</c>) and starts
/// it again after a short random delay, counting a kill only when the process really ended. A crash-point event
/// restarts a silo with the point set; <see cref="WatchAsync"/> counts the silo killing itself there, and restarts it
/// without the point. Any other process found dead that the monkey did not kill is restarted too, and reported.
/// </summary>
public sealed class ChaosMonkey(StackProcesses stack, HttpClient health, OutageBoard outages, KillTally kills, HarnessOptions options, Random random, TextWriter log)
{
    /// <summary>How long a silo armed with a crash point takes writes before the round may end without it firing.</summary>
    public static readonly TimeSpan ArmedWindow = TimeSpan.FromSeconds(30);

    private readonly Lock _randomLock = new();

    /// <summary>Processes that exited without being killed and without a crash point armed.</summary>
    public List<string> UnexpectedExits { get; } = [];

    /// <summary>Restarts that did not bring a process back healthy in time.</summary>
    public List<string> StartFailures { get; } = [];

    /// <summary>Crash points a silo was armed with that it had not reached by the end of the round.</summary>
    public List<string> CrashPointsNotReached { get; } = [];

    public async Task StrikeAsync(ChaosEvent chaos)
    {
        if (chaos.Kind == NodeKind.Postgres)
        {
            log.WriteLine($"{Clock.Now} chaos: stopping PostgreSQL (immediate)");
            if (await stack.StopPostgresImmediatelyAsync())
            {
                kills.Count(KillTally.KindName(NodeKind.Postgres));
            }

            await Task.Delay(Delay());
            await stack.RestartPostgresAsync();
            return;
        }

        var candidates = stack.Of(chaos.Kind).Where(node => node.IsRunning && !outages.IsDown(node)).ToList();
        if (candidates.Count == 0)
        {
            log.WriteLine($"{Clock.Now} chaos: no running {KillTally.KindName(chaos.Kind)} to kill");
            return;
        }

        var target = candidates[Next(candidates.Count)];
        outages.MarkDown(target);
        try
        {
            log.WriteLine($"{Clock.Now} chaos: SIGKILL {target.Name}{(chaos.CrashPoint is { } p ? $", to restart it armed with {p}" : "")}");
            if (await target.KillAsync())
            {
                kills.Count(KillTally.KindName(target.Kind));
            }

            await Task.Delay(Delay());
            await RestartAsync(target, chaos.CrashPoint is { } point ? CrashPointVariables.For(point, options.CrashChance) : null);
        }
        finally
        {
            outages.MarkUp(target);
        }

        if (chaos.CrashPoint is not null)
        {
            await WhileArmedAsync(target);
        }
    }

    /// <summary>
    /// The workload keeps running while the silo is armed: until it has killed itself at its point and is back
    /// (the watcher restarts it without the point), or for <see cref="ArmedWindow"/>.
    /// </summary>
    private async Task WhileArmedAsync(ClusterNode target)
    {
        var deadline = DateTimeOffset.UtcNow + ArmedWindow;
        while (DateTimeOffset.UtcNow < deadline && (target.ArmedCrashPoint is not null || outages.IsDown(target)))
        {
            await Task.Delay(250);
        }
    }

    /// <summary>Until cancelled: finds processes that died on their own, counts crash points reached, restarts them.</summary>
    public async Task WatchAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var node in stack.Nodes.Where(node => node.DiedOnItsOwn && !outages.IsDown(node)).ToList())
            {
                outages.MarkDown(node);
                try
                {
                    if (node.ArmedCrashPoint is { } point)
                    {
                        kills.Count(KillTally.CrashPointName(point));
                        log.WriteLine($"{Clock.Now} chaos: {node.Name} killed itself at {point} (exit {node.ExitCode})");
                    }
                    else
                    {
                        UnexpectedExits.Add($"{Clock.Now} {node.Name} exited with {node.ExitCode}");
                        log.WriteLine($"{Clock.Now} {node.Name} exited on its own with {node.ExitCode}; see {node.LogFile}");
                    }

                    await Task.Delay(Delay(), CancellationToken.None);
                    await RestartAsync(node, null);
                }
                finally
                {
                    outages.MarkUp(node);
                }
            }

            try
            {
                await Task.Delay(250, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>At the end of a round: a silo still armed is killed and started without its crash point.</summary>
    public async Task DisarmAsync()
    {
        foreach (var node in stack.Nodes.Where(node => node.ArmedCrashPoint is not null && node.IsRunning).ToList())
        {
            CrashPointsNotReached.Add($"{node.Name}: {node.ArmedCrashPoint}");
            log.WriteLine($"{Clock.Now} {node.Name} did not reach {node.ArmedCrashPoint}; restarting it without crash points");
            outages.MarkDown(node);
            try
            {
                if (await node.KillAsync())
                {
                    kills.Count(KillTally.KindName(node.Kind));
                }

                await RestartAsync(node, null);
            }
            finally
            {
                outages.MarkUp(node);
            }
        }
    }

    /// <summary>Starts a process again; one that does not come up healthy is reported, and left to the end of the round.</summary>
    private async Task RestartAsync(ClusterNode node, IReadOnlyDictionary<string, string>? crashPoint)
    {
        try
        {
            await stack.StartNodeAsync(node, health, crashPoint);
        }
        catch (InvalidOperationException) when (node.DiedOnItsOwn && node.ArmedCrashPoint is not null)
        {
            // It reached its crash point while starting (e.g. bringing the host in step): the watcher counts it.
        }
        catch (Exception error) when (error is InvalidOperationException or TimeoutException)
        {
            StartFailures.Add($"{Clock.Now} {error.Message}");
            log.WriteLine($"{Clock.Now} restart failed: {error.Message}");
        }
    }

    private TimeSpan Delay() => TimeSpan.FromMilliseconds(500 + Next(3500));

    private int Next(int bound)
    {
        lock (_randomLock)
        {
            return random.Next(bound);
        }
    }
}
