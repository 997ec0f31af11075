using SkillsOrleans.Contracts.Fleet;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Grains.Fleet;

/// <summary>
/// What the hosts last reported about themselves, held in memory only: they are re-sent every
/// <see cref="RuntimeReports.Heartbeat"/>, so a new activation has them all again within one heartbeat, and nothing is
/// written per report. The list of runtimes is the runtime roster's (<see cref="IRuntimeRoster"/>); this grain passes
/// on to it what runtime hosts, which may not reach the database, have to say.
/// </summary>
[GrainType("fleet-index")] // pinned: the grain's id
public sealed class FleetIndexGrain(IRuntimeRoster roster, TimeProvider clock) : Grain, IFleetIndexGrain
{
    private readonly Dictionary<string, RuntimeReport> _reports = new(StringComparer.Ordinal);
    private DateTimeOffset _listeningSince;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _listeningSince = clock.GetUtcNow();
        return Task.CompletedTask;
    }

    public Task ReportAsync(RuntimeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (ResourceIds.IsRuntimeId(report.RuntimeId)
            && (!_reports.TryGetValue(report.RuntimeId, out var held) || held.ReportedAt <= report.ReportedAt))
        {
            _reports[report.RuntimeId] = report;
        }

        return Task.CompletedTask;
    }

    public Task<FleetReports> GetReportsAsync(IReadOnlyList<string> runtimeIds)
    {
        ArgumentNullException.ThrowIfNull(runtimeIds);
        return Task.FromResult(new FleetReports(_listeningSince, [.. runtimeIds.Select(id => _reports.GetValueOrDefault(id)).OfType<RuntimeReport>()]));
    }

    public Task<FleetReportTally> GetTallyAsync()
    {
        var now = clock.GetUtcNow();
        return Task.FromResult(new FleetReportTally(
            _reports.Values.Count(report => RuntimeReports.SaysOnline(report, now)),
            _reports.Values.Count(report => RuntimeReports.WentQuiet(report, now))));
    }

    public Task<FleetRuntimePage> GetRuntimesAsync(string? afterRuntimeId, int limit) =>
        roster.ReadPageAsync(afterRuntimeId, limit, CancellationToken.None);

    public Task RecordAccountAsync(string accountId) => Task.CompletedTask;

    public Task RecordBindingAsync(string runtimeId, string accountId)
    {
        ResourceIds.RequireRuntimeId(runtimeId);
        ResourceIds.RequireAccountId(accountId);
        return roster.RecordBindingAsync(runtimeId, accountId, CancellationToken.None);
    }

    public Task ForgetBindingAsync(string runtimeId, string accountId) =>
        roster.ForgetBindingAsync(runtimeId, accountId, CancellationToken.None);

    public Task RecordHostAsync(string runtimeId)
    {
        ResourceIds.RequireRuntimeId(runtimeId);
        return roster.RecordHostAsync(runtimeId, CancellationToken.None);
    }
}
