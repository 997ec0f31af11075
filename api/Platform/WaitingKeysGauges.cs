using SkillsOrleans.ClientHosting.Telemetry;
using SkillsOrleans.Contracts.Accounts;

namespace SkillsOrleans.Api.Platform;

/// <summary>
/// Keeps <see cref="WaitingKeysTelemetry"/>'s gauges current on the API's <c>/metrics</c>, for the alert on key requests
/// left unanswered: one aggregate query of the account directory every <c>Metrics:WaitingKeysRefreshSeconds</c>
/// (default 30), never a call to the grains. Every API instance reports the same figures, so rules take their max.
/// </summary>
public sealed partial class WaitingKeysGauges(
    IAccountDirectory directory, IConfiguration configuration, TimeProvider clock, ILogger<WaitingKeysGauges> logger) : BackgroundService
{
    private readonly TimeSpan _refresh = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Metrics:WaitingKeysRefreshSeconds", 30), 1, 3600));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(_refresh, clock);
        do
        {
            try
            {
                WaitingKeysTelemetry.Record(await directory.TallyAsync(stoppingToken), clock);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The figures stay as last read; the next tick tries again.
                LogReadFailed(logger, error);
            }
        }
        while (await ticks.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the keys waiting for the metrics; the last figures stand")]
    private static partial void LogReadFailed(ILogger logger, Exception error);
}
