using SkillsOrleans.CrashHarness;
using Xunit.Abstractions;

namespace SkillsOrleans.CrashTests;

/// <summary>
/// A runtime silo stopped (SIGTERM) while its reconciliation pass is under way, as an orchestrator stops a host right
/// after it restarted. The pass calls credential grains that call back into the runtime grain; a stopping silo holds
/// those calls until the grain has deactivated, and the grain waits for the pass. The pass must give way when the host
/// begins to shut down, or every such stop lasts Orleans' whole deactivation limit (30 s) and ends with it.
/// </summary>
public sealed class RuntimeSiloStopTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Enough keys that a pass lasts many seconds on a small machine: it is still running when the stop comes.
    private const int Skills = 300;

    private static readonly TimeSpan UnderOrleansLimit = TimeSpan.FromSeconds(20);

    private readonly StringWriter _log = new();
    private readonly HttpClient _health = new() { Timeout = TimeSpan.FromSeconds(5) };
    private string _runDirectory = null!;
    private StackProcesses? _stack;

    public async Task InitializeAsync()
    {
        _runDirectory = Directory.CreateTempSubdirectory("skillsorleans-stop-").FullName;
        _stack = await StackProcesses.StartDatabaseAsync(_runDirectory, RepositoryLayout.Find(), _log);
    }

    [Fact]
    public async Task A_silo_stopped_mid_reconciliation_interrupts_the_pass_and_exits_before_orleans_deactivation_limit()
    {
        var repository = RepositoryLayout.Find();
        var tenant = new TenantPlan("stop-co", "stop-co-owner", "stop-co-runtime");
        var skills = SkillPlan.Numbered(Skills);
        var keys = CredentialTrack.AllOf([tenant], skills);
        await _stack!.StartCoreAndApisAsync(repository, _health, coreSilos: 1);
        using var apis = new ApiPair([.. _stack.Of(NodeKind.Api)]);
        await TenantSetup.CreateAccountsAsync(apis, [tenant]);
        await _stack.StartRuntimesAsync(repository, [tenant], skills, _health);
        await TenantSetup.RequestAllAsync(apis, _stack, keys, TimeSpan.FromMinutes(10));

        // A restart begins with a pass over every key (a second after the runtime grain activates); stop inside it,
        // as soon as its start is logged (a pass over this many keys takes seconds).
        var runtime = _stack.Of(NodeKind.RuntimeSilo).Single();
        Assert.True(await runtime.StopGracefullyAsync(TimeSpan.FromMinutes(1)), "the first stop did not end");
        await _stack.StartNodeAsync(runtime, _health);
        var logBefore = new FileInfo(runtime.LogFile).Length;
        await WaitForLogAsync(runtime.LogFile, logBefore, $"Reconciliation of runtime {tenant.RuntimeId} started: {keys.Count} credentials");

        var stopped = System.Diagnostics.Stopwatch.StartNew();
        var exited = await runtime.StopGracefullyAsync(UnderOrleansLimit);
        stopped.Stop();
        var stopLog = await ReadFromAsync(runtime.LogFile, logBefore);
        output.WriteLine($"stop took {stopped.Elapsed.TotalMilliseconds:F0} ms");

        Assert.True(exited, $"the runtime silo did not exit within {UnderOrleansLimit} of SIGTERM; its log since the restart:\n{stopLog}");
        Assert.True(stopLog.Contains("Reconciliation of runtime stop-co-runtime stopped part-way", StringComparison.Ordinal),
            $"the stop did not interrupt a reconciliation pass; the runtime silo's log since the restart:\n{stopLog}");
        Assert.DoesNotContain("Some grains failed to deactivate promptly", stopLog, StringComparison.Ordinal);

        // It starts again and lists every key as it was: the interrupted pass changed nothing.
        await _stack.StartNodeAsync(runtime, _health);
        var listing = await CredentialListing.ReadAsync(apis, tenant);
        Assert.NotNull(listing);
        Assert.Equal(keys.Count, listing.Count);
        Assert.All(listing.Values, listed => Assert.Equal("pending", listed.Status));
    }

    private static async Task WaitForLogAsync(string path, long offset, string line)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1);
        while (!(await ReadFromAsync(path, offset)).Contains(line, StringComparison.Ordinal))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"the restarted runtime silo never logged \"{line}\"");
            await Task.Delay(20);
        }
    }

    private static async Task<string> ReadFromAsync(string path, long offset)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        file.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(file);
        return await reader.ReadToEndAsync();
    }

    public async Task DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }

        _health.Dispose();
        output.WriteLine(_log.ToString());
        Directory.Delete(_runDirectory, recursive: true);
    }
}
