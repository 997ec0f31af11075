using SkillsOrleans.Grains.Runtimes;
using SkillsOrleans.UnitTests.Secrets;

namespace SkillsOrleans.UnitTests.RuntimeHost;

/// <summary>
/// A runtime grain turn that runs past the threshold is named in the log while it runs — also when it blocks its
/// thread — and again when it finishes; a quick turn logs nothing, and a failing one still ends its watch.
/// </summary>
public sealed class SlowTurnWatchTests
{
    private static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task A_long_turn_is_named_while_it_runs_and_when_it_finishes()
    {
        var logger = new CollectingLogger();
        var release = new TaskCompletionSource();
        var turn = new SlowTurnWatch(logger, Threshold).RunAsync("acme-rt-1", "CommitDeliveryAsync", () => release.Task);

        await Eventually(() => logger.Lines.Any(l => l.Contains("CommitDeliveryAsync has been running", StringComparison.Ordinal)));
        Assert.False(turn.IsCompleted);
        Assert.Contains(logger.Lines, l => l.StartsWith("Warning: Runtime acme-rt-1: CommitDeliveryAsync has been running", StringComparison.Ordinal));

        release.SetResult();
        await turn;
        Assert.Contains(logger.Lines, l => l.StartsWith("Warning: Runtime acme-rt-1: CommitDeliveryAsync finished after", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_turn_that_blocks_its_thread_is_named_too()
    {
        var logger = new CollectingLogger();
        await new SlowTurnWatch(logger, Threshold).RunAsync("acme-rt-1", "a blocking turn", () =>
        {
            Thread.Sleep(Threshold * 4);
            return Task.CompletedTask;
        });

        Assert.Contains(logger.Lines, l => l.Contains("a blocking turn has been running", StringComparison.Ordinal));
        Assert.Contains(logger.Lines, l => l.Contains("a blocking turn finished after", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_quick_turn_logs_nothing_and_a_failing_one_still_fails()
    {
        var logger = new CollectingLogger();
        var watch = new SlowTurnWatch(logger, TimeSpan.FromSeconds(30));
        await watch.RunAsync("acme-rt-1", "GetStatusAsync", () => Task.CompletedTask);
        await Assert.ThrowsAsync<InvalidOperationException>(() => watch.RunAsync("acme-rt-1", "WithdrawAsync", () => throw new InvalidOperationException("refused")));
        Assert.Empty(logger.Lines);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 10 s");
            await Task.Delay(20);
        }
    }
}
