using Orleans.Serialization;
using SkillsOrleans.Contracts.Fleet;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Grains.Fleet;

/// <summary>
/// The list of accounts and runtimes platform admins page through. Written only when something changes, so the
/// grains that keep it in step may call it on every activation and registration.
/// </summary>
[GrainType("fleet-index")] // pinned: persisted state is keyed by grain type name
public sealed class FleetIndexGrain(
    [PersistentState("fleet-index", GrainStorageNames.State)] IPersistentState<FleetIndexState> state,
    DeepCopier copier) : Grain, IFleetIndexGrain
{
    private FleetIndexState Index => state.State;

    public Task<FleetIndexSnapshot> GetAsync() => Task.FromResult(new FleetIndexSnapshot(
        [.. Index.Accounts.Order(StringComparer.Ordinal)],
        [.. Index.Runtimes.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new FleetIndexRuntime(r.Key, r.Value))]));

    public Task RecordAccountAsync(string accountId)
    {
        ResourceIds.RequireAccountId(accountId);
        return Index.Accounts.Contains(accountId) ? Task.CompletedTask : MutateAsync(index => index.Accounts.Add(accountId));
    }

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

    /// <summary>Applies a change and persists it; a failed write leaves memory as it was and drops this activation.</summary>
    private Task MutateAsync(Action<FleetIndexState> change) => state.ChangeAsync(copier, change, this.DeactivateOnIdle);
}
