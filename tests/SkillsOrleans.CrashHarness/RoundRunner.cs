using System.Diagnostics;

namespace SkillsOrleans.CrashHarness;

/// <summary>
/// One round: the workload runs; at a random point of it the round's chaos strikes; the workload stops once its share
/// of operations has started and the chaos is over; whatever is down is started again; then every credential must
/// agree with its history within the bound, polled once a second.
/// </summary>
public sealed class RoundRunner(
    StackProcesses stack,
    ApiPair apis,
    HttpClient health,
    Workload workload,
    ChaosMonkey monkey,
    FileIntegrityProbe probe,
    IReadOnlyList<CredentialTrack> tracks,
    TimeSpan convergenceBound,
    Random random,
    TextWriter log)
{
    private volatile string _currentChaos = "setup";

    /// <summary>What the chaos is doing right now, for the file probe's reports.</summary>
    public string CurrentChaos => _currentChaos;

    public async Task<RoundResult> RunAsync(int round, int budget, ChaosEvent? chaos)
    {
        log.WriteLine($"{Clock.Now} round {round}: {budget} operations, chaos: {chaos?.ToString() ?? "none"}");
        using var watching = new CancellationTokenSource();
        var watcher = monkey.WatchAsync(watching.Token);
        var chaosOver = new TaskCompletionSource();
        if (chaos is null)
        {
            chaosOver.SetResult();
        }

        var work = workload.RunRoundAsync(budget, () => chaosOver.Task.IsCompleted, round);
        if (chaos is not null)
        {
            var strikeAt = (int)(budget * (0.2 + (random.NextDouble() * 0.4)));
            while (workload.StartedThisRound < strikeAt && !work.IsCompleted)
            {
                await Task.Delay(100);
            }

            _currentChaos = $"round {round}: {chaos}";
            try
            {
                await monkey.StrikeAsync(chaos);
            }
            finally
            {
                chaosOver.SetResult();
            }
        }

        await work;
        _currentChaos = $"round {round}: restarting";
        await watching.CancelAsync();
        await watcher;
        await monkey.DisarmAsync();
        await stack.RestartDeadAsync(health);

        _currentChaos = $"round {round}: converging";
        var settling = Stopwatch.StartNew();
        IReadOnlyList<CredentialViolation> violations;
        while (true)
        {
            violations = await ConvergenceCheck.CheckAsync(apis, stack, tracks);
            if (violations.Count == 0 || settling.Elapsed > convergenceBound)
            {
                break;
            }

            await Task.Delay(1000);
        }

        probe.CheckAll($"round {round} end");
        log.WriteLine(violations.Count == 0
            ? $"{Clock.Now} round {round}: converged after {settling.Elapsed.TotalSeconds:0.0} s"
            : $"{Clock.Now} round {round}: NOT converged within {convergenceBound.TotalSeconds:0} s: {violations.Count} credentials");
        foreach (var violation in violations)
        {
            log.WriteLine($"  {violation}");
        }

        return new RoundResult(round, chaos, violations.Count == 0 ? settling.Elapsed : null, violations);
    }
}
