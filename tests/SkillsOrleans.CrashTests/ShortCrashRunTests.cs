using SkillsOrleans.CrashHarness;
using Xunit.Abstractions;

namespace SkillsOrleans.CrashTests;

/// <summary>
/// A short crash run on real OS processes: one round for each kind of kill (a runtime silo, a core silo, an API,
/// PostgreSQL stopped immediately, a runtime silo armed with a crash point), about a hundred writes across two
/// tenants, and every check after each round. The long soak is the same harness run from the command line.
/// </summary>
public sealed class ShortCrashRunTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly HarnessOptions Short = new()
    {
        Operations = 80,
        Kills = 5,
        SkillsPerRuntime = 2,
        CrashPoints = ["host.after-secret-file"],
        ConvergenceBound = TimeSpan.FromSeconds(60),
    };

    private readonly StringWriter _log = new();
    private StackProcesses? _stack;

    [Fact]
    public async Task No_acknowledged_write_is_lost_when_processes_are_killed_and_every_host_file_stays_whole()
    {
        var figures = await CrashRun.RunAsync(Short, _log, started => _stack = started);
        figures.Print(_log);

        var failures = string.Join(Environment.NewLine, figures.Failures);
        Assert.True(figures.AcknowledgedAndLost == 0, $"{figures.AcknowledgedAndLost} credentials lost an acknowledged write:{Environment.NewLine}{failures}");
        Assert.True(figures.ConfigOutOfStep == 0, $"{figures.ConfigOutOfStep} credentials' openclaw.json did not follow the secret file:{Environment.NewLine}{failures}");
        Assert.Equal(0, figures.RoundsNotConverged);
        Assert.Empty(figures.FileViolations);
        Assert.True(figures.FileChecks > figures.Rounds, $"only {figures.FileChecks} looks at the host files");
        Assert.Empty(figures.UnexpectedExits);
        Assert.Empty(figures.StartFailures);
        Assert.Null(figures.DashboardCrossApiProblem);

        foreach (var kind in new[] { NodeKind.RuntimeSilo, NodeKind.CoreSilo, NodeKind.Api, NodeKind.Postgres })
        {
            Assert.True(figures.KillsByKind.GetValueOrDefault(KillTally.KindName(kind)) >= 1, $"no {KillTally.KindName(kind)} was killed");
        }

        // Every submission to the armed runtime passes its crash point, so the armed silo must have killed itself there.
        var crashPoint = KillTally.CrashPointName(Short.CrashPoints[0]);
        Assert.True(figures.KillsByKind.GetValueOrDefault(crashPoint) >= 1,
            $"the armed runtime silo never died at {Short.CrashPoints[0]} ({string.Join(", ", figures.CrashPointsNotReached)})");

        Assert.True(figures.OperationsAttempted >= Short.Operations, $"only {figures.OperationsAttempted} operations attempted");
        Assert.True(figures.OperationsAcknowledged * 2 > figures.OperationsAttempted,
            $"only {figures.OperationsAcknowledged} of {figures.OperationsAttempted} operations acknowledged");
        Assert.True(figures.AcknowledgedWhileAnApiWasDown > 0, "nothing was acknowledged through the surviving API while the other was down");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // The run stops its processes itself; this covers a run that never got to.
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }

        output.WriteLine(_log.ToString());
    }
}
