using System.Diagnostics;

namespace SkillsOrleans.CrashHarness;

/// <summary>
/// A whole crash run: the stack as OS processes, two tenants with their runtime hosts, every credential requested by
/// an agent's request file, then one round per chaos event (or one round without chaos), and the figures.
/// </summary>
public static class CrashRun
{
    /// <param name="started">Told the stack as soon as it exists, so a caller can kill it on a signal.</param>
    public static async Task<Figures> RunAsync(HarnessOptions options, TextWriter output, Action<StackProcesses>? started = null)
    {
        var log = TextWriter.Synchronized(output);
        var repository = RepositoryLayout.Find();
        var runDirectory = Directory.CreateTempSubdirectory("skillsorleans-crash-").FullName;
        File.SetUnixFileMode(runDirectory, (UnixFileMode)0b111_101_101);
        log.WriteLine($"{Clock.Now} crash run in {runDirectory} ({repository.Configuration} build), seed {options.Seed}");

        var random = new Random(options.Seed);
        var timer = Stopwatch.StartNew();
        var tenants = TenantPlan.Two;
        var skills = SkillPlan.Numbered(options.SkillsPerRuntime);
        var tracks = CredentialTrack.AllOf(tenants, skills);
        using var health = new HttpClient();

        Figures figures;
        var stack = await StackProcesses.StartDatabaseAsync(runDirectory, repository, log);
        started?.Invoke(stack);
        try
        {
            await stack.StartCoreAndApisAsync(repository, health);
            using var apis = new ApiPair([.. stack.Of(NodeKind.Api)]);
            await TenantSetup.CreateAccountsAsync(apis, tenants);
            await stack.StartRuntimesAsync(repository, tenants, skills, health);
            await TenantSetup.RequestAllAsync(apis, stack, tracks, TimeSpan.FromSeconds(90));
            var dashboardBefore = await DashboardCrossCheck.RunAsync(apis);
            log.WriteLine($"{Clock.Now} {tracks.Count} credentials pending; dashboard across APIs: {dashboardBefore ?? "works"}");

            var outages = new OutageBoard();
            var kills = new KillTally();
            var probe = new FileIntegrityProbe([.. stack.Hosts.Values], options.Seed);
            var monkey = new ChaosMonkey(stack, health, outages, kills, options, new Random(random.Next()), log);
            var workload = new Workload(apis, stack, outages, tracks, options.Workers, options.Seed, log);
            var rounds = new RoundRunner(stack, apis, health, workload, monkey, probe, tracks, options.ConvergenceBound, new Random(random.Next()), log);
            using var probing = new CancellationTokenSource();
            var probeTask = probe.RunAsync(() => rounds.CurrentChaos, probing.Token);

            var plan = ChaosEvent.Plan(options.Kills, options.CrashPoints, random);
            var roundCount = Math.Max(1, plan.Count);
            var results = new List<RoundResult>();
            for (var round = 0; round < roundCount; round++)
            {
                var budget = (options.Operations / roundCount) + (round < options.Operations % roundCount ? 1 : 0);
                results.Add(await rounds.RunAsync(round + 1, Math.Max(1, budget), plan.Count > 0 ? plan[round] : null));
            }

            await probing.CancelAsync();
            await probeTask;
            probe.CheckAll("end");
            var dashboardAfter = await DashboardCrossCheck.RunAsync(apis);
            figures = Summarize(options, runDirectory, timer.Elapsed, tracks, results, kills, monkey, probe,
                dashboardBefore ?? (dashboardAfter is null ? null : "at the end: " + dashboardAfter));
        }
        finally
        {
            await stack.DisposeAsync();
        }

        var clean = figures.AcknowledgedAndLost == 0 && figures.ConfigOutOfStep == 0 && figures.FileViolations.Count == 0;
        if (clean && !options.KeepRunDirectory)
        {
            Directory.Delete(runDirectory, recursive: true);
        }

        return figures;
    }

    private static Figures Summarize(
        HarnessOptions options, string runDirectory, TimeSpan duration, List<CredentialTrack> tracks, List<RoundResult> results,
        KillTally kills, ChaosMonkey monkey, FileIntegrityProbe probe, string? dashboardProblem)
    {
        // The first operation of each credential is its setup request, not part of the workload.
        var operations = tracks.SelectMany(track => track.Operations.Skip(1)).ToList();
        var converged = results.Where(r => r.ConvergedAfter is not null).Select(r => r.ConvergedAfter!.Value.TotalSeconds).ToList();
        var violations = results.SelectMany(r => r.Violations).ToList();
        var lost = violations.Where(v => !v.ConfigOnly).Select(v => v.CredentialRef).ToHashSet(StringComparer.Ordinal);
        return new Figures
        {
            Seed = options.Seed,
            RunDirectory = runDirectory,
            DurationSeconds = Math.Round(duration.TotalSeconds, 1),
            Rounds = results.Count,
            OperationsAttempted = operations.Count,
            OperationsAcknowledged = operations.Count(o => o.Outcome == OperationOutcome.Acknowledged),
            OperationsRefused = operations.Count(o => o.Outcome == OperationOutcome.Refused),
            OperationsUnknown = operations.Count(o => o.Outcome == OperationOutcome.Unknown),
            AcknowledgedWhileAnApiWasDown = operations.Count(o => o.AckedWhileAnApiWasDown),
            KillsByKind = kills.Snapshot(),
            CrashPointsNotReached = monkey.CrashPointsNotReached,
            UnexpectedExits = monkey.UnexpectedExits,
            StartFailures = monkey.StartFailures,
            AcknowledgedAndLost = lost.Count,
            ConfigOutOfStep = violations.Where(v => v.ConfigOnly && !lost.Contains(v.CredentialRef)).Select(v => v.CredentialRef).Distinct().Count(),
            ConvergenceBoundSeconds = options.ConvergenceBound.TotalSeconds,
            RoundsNotConverged = results.Count(r => r.ConvergedAfter is null),
            ConvergeP50Seconds = Round(Percentile.Of(converged, 50)),
            ConvergeP99Seconds = Round(Percentile.Of(converged, 99)),
            ConvergeMaxSeconds = Round(converged.Count > 0 ? converged.Max() : null),
            FileChecks = probe.Checks,
            FileViolations = probe.Violations,
            DashboardCrossApiProblem = dashboardProblem,
            Failures = [.. results.SelectMany(r => r.Violations.Select(v => $"round {r.Round} ({r.Chaos?.ToString() ?? "no chaos"}): {v}"))],
        };
    }

    private static double? Round(double? seconds) => seconds is { } s ? Math.Round(s, 2) : null;
}
