using Orleans.Serialization;
using SkillsOrleans.Contracts.Fleet;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Grains.Fleet;

/// <summary>
/// The list of runtimes platform admins page through. Written only when something changes, so the
/// grains that keep it in step may call it on every activation and registration. The hosts' reports are held in
/// memory only: they are re-sent every <see cref="RuntimeReports.Heartbeat"/>, so a new activation has them all again
/// within one heartbeat, and nothing is written per report.
/// </summary>
[GrainType("fleet-index")] // pinned: persisted state is keyed by grain type name
public sealed class FleetIndexGrain(
    [PersistentState("fleet-index", GrainStorageNames.State)] IPersistentState<FleetIndexState> state,
    DeepCopier copier,
    TimeProvider clock) : Grain, IFleetIndexGrain
{
    private readonly Dictionary<string, RuntimeReport> _reports = new(StringComparer.Ordinal);
    private DateTimeOffset _listeningSince;

    private FleetIndexState Index => state.State;

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

    public Task<FleetRuntimePage> GetRuntimesAsync(string? afterRuntimeId, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var page = Index.Runtimes
            .Where(r => afterRuntimeId is null || string.CompareOrdinal(r.Key, afterRuntimeId) > 0)
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Take(limit + 1)
            .Select(r => new FleetIndexRuntime(r.Key, r.Value))
            .ToList();
        if (page.Count <= limit)
        {
            return Task.FromResult(new FleetRuntimePage(page, null));
        }

        page.RemoveAt(limit);
        return Task.FromResult(new FleetRuntimePage(page, page[^1].RuntimeId));
    }

    public Task RecordAccountAsync(string accountId) => Task.CompletedTask;

    public Task RecordBindingAsync(string runtimeId, string accountId)
    {
        ResourceIds.RequireRuntimeId(runtimeId);
        ResourceIds.RequireAccountId(accountId);
        return Index.Runtimes.TryGetValue(runtimeId, out var current) && string.Equals(current, accountId, StringComparison.Ordinal)
            ? Task.CompletedTask
            : MutateAsync(index => index.Runtimes[runtimeId] = accountId);
    }

    public Task ForgetBindingAsync(string runtimeId, string accountId) =>
        Index.Runtimes.TryGetValue(runtimeId, out var current) && string.Equals(current, accountId, StringComparison.Ordinal)
            ? MutateAsync(index => index.Runtimes[runtimeId] = null)
            : Task.CompletedTask;

    public Task RecordHostAsync(string runtimeId)
    {
        ResourceIds.RequireRuntimeId(runtimeId);
        return Index.Runtimes.ContainsKey(runtimeId) ? Task.CompletedTask : MutateAsync(index => index.Runtimes[runtimeId] = null);
    }

    /// <summary>
    /// Applies a change and persists it (dropping the account ids rows of the previous version held); a failed write
    /// leaves memory as it was and drops this activation.
    /// </summary>
    private Task MutateAsync(Action<FleetIndexState> change) => state.ChangeAsync(copier, index =>
    {
        index.Accounts.Clear();
        change(index);
    }, this.DeactivateOnIdle);
}
