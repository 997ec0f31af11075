using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Orleans.Core.Internal;
using SkillsOrleans.Grains.Telemetry;
using SkillsOrleans.Testing;
using Xunit.Abstractions;
using static SkillsOrleans.ClusterTests.FleetTestCluster;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// Orleans deactivates a kept-alive runtime grain when it must (the silo holding its grain directory entry stops, in a
/// rolling restart of the core silos). From then on it holds every call reaching the grain from outside until the
/// grain's running work drains — and a reconciliation pass under way waits on credential grains that call back into
/// it. The pass must stop as soon as the deactivation begins, or the runtime takes no call for as long as the pass
/// would have lasted, a call timeout per credential. Orleans' own <c>DeactivateOnIdle</c> takes the same path here.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RuntimeDeactivationTests(PostgresFixture postgres, ITestOutputHelper output) : IAsyncLifetime
{
    // Values the cluster records nowhere: each check activates a credential grain, calls back into the runtime grain
    // and writes an audit row, so a pass over this many lasts seconds even on a fast machine.
    private const int HostValues = 400;

    // Well under the silos' 30 s call timeout, which a callback held by the deactivating grain would wait out.
    private static readonly TimeSpan BackWithin = TimeSpan.FromSeconds(10);

    private readonly CapturedLogs _logs = new();
    private FleetTestCluster _fleet = null!;

    public async Task InitializeAsync()
    {
        var database = await postgres.CreateMigratedDatabaseAsync("deactivate");
        _fleet = await StartAsync(database, reconcileInterval: TimeSpan.FromSeconds(3), logs: _logs);
    }

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task A_runtime_grain_deactivated_mid_reconciliation_stops_the_pass_and_is_back_at_once()
    {
        using var deactivations = new MeterListener();
        var counted = new ConcurrentQueue<string>();
        deactivations.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument == SkillsOrleansTelemetry.RuntimeDeactivations)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        deactivations.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            counted.Enqueue(string.Join(' ', tags.ToArray().Select(tag => $"{tag.Key}={tag.Value}"))));
        deactivations.Start();

        var runtime = _fleet.Runtime(RuntimeOne);
        var before = await _fleet.WaitForOnlineAsync(RuntimeOne);
        WriteHostValues();
        await Eventually.TrueAsync(
            () => Task.FromResult(Logged($"Reconciliation of runtime {RuntimeOne} started: {HostValues} credentials")), TimeSpan.FromSeconds(30));

        var deactivated = Stopwatch.StartNew();
        await runtime.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var after = await Eventually.ValueAsync(StatusOrNullAsync, status => status?.ActivatedAt > before.ActivatedAt, BackWithin);
        deactivated.Stop();
        output.WriteLine($"a new activation answered {deactivated.Elapsed.TotalMilliseconds:F0} ms after the deactivation was asked for");

        Assert.NotNull(after);
        Assert.True(Logged($"runtime/{RuntimeOne} is deactivating (ApplicationRequested"), Captured());
        Assert.True(Logged($"Reconciliation of runtime {RuntimeOne} stopped part-way"), Captured());
        Assert.Equal([$"runtime={RuntimeOne} reason=application-requested"], counted);

        // The new activation's own pass goes through every value: nothing was left waiting behind the old one.
        var health = await Eventually.ValueAsync(
            runtime.GetHealthAsync, h => h.Runtime.ActivatedAt == after.ActivatedAt && h.Reconciliation.Checked == HostValues, TimeSpan.FromSeconds(60));
        Assert.Equal(("drift", 0), (health.Reconciliation.State, health.Reconciliation.Failures));
        Assert.True(Logged($"Reconciliation of runtime {RuntimeOne} finished: {HostValues} credentials compared in"), Captured());
    }

    private async Task<Contracts.Runtimes.RuntimeStatus?> StatusOrNullAsync()
    {
        try
        {
            return await _fleet.Runtime(RuntimeOne).GetStatusAsync();
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private bool Logged(string text) => _logs.Entries.Any(entry => entry.Contains(text, StringComparison.Ordinal));

    private string Captured() => string.Join('\n', _logs.Entries.Where(e => e.Contains(RuntimeOne, StringComparison.Ordinal)).TakeLast(40));

    /// <summary>Values for the runtime's account under skills no catalog lists, written as an operator's editor would.</summary>
    private void WriteHostValues()
    {
        var skills = new JsonObject();
        for (var i = 0; i < HostValues; i++)
        {
            skills[$"skill-{i:D3}"] = new JsonObject { ["API_KEY"] = $"sk-host-only-{i:D3}" };
        }

        _fleet.EditSecretFile(RuntimeOne, file => file[AccountOne] = skills);
    }
}
