using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SkillsOrleans.RuntimeHost.OpenClaw;
using SkillsOrleans.UnitTests.Secrets;

namespace SkillsOrleans.UnitTests.OpenClaw;

/// <summary>A coordinator on a fake clock with a scripted gateway and a private temp directory for its files.</summary>
internal sealed class CoordinatorHarness : IDisposable
{
    public CoordinatorHarness(Func<OpenClawGatewayOptions, OpenClawGatewayOptions>? configure = null)
    {
        Reloader = new ScriptedReloader(Clock);
        var options = new OpenClawGatewayOptions
        {
            Token = "harness-token",
            FlagFilePath = Temp.Combine("state", "skillsorleans", "reload-requested"),
            RestartCommandGrace = TimeSpan.Zero,
        };
        Options = configure?.Invoke(options) ?? options;
        Coordinator = new GatewayReloadCoordinator(Reloader, Options, Clock, NullLogger.Instance);
    }

    public TempDirectory Temp { get; } = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    public ScriptedReloader Reloader { get; }

    public OpenClawGatewayOptions Options { get; }

    public GatewayReloadCoordinator Coordinator { get; }

    public Task RunAsync() => Coordinator.RunPendingAsync(Clock.GetUtcNow());

    /// <summary>Runs the coordinator every <paramref name="step"/> for <paramref name="duration"/>, as the grain timer would.</summary>
    public async Task RunForAsync(TimeSpan duration, TimeSpan step)
    {
        for (var elapsed = TimeSpan.Zero; elapsed <= duration; elapsed += step)
        {
            await RunAsync();
            Clock.Advance(step);
        }
    }

    public void Dispose() => Temp.Dispose();
}
