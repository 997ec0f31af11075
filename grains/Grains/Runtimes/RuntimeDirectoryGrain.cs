using Orleans.Serialization;
using SkillsOrleans.Contracts.Fleet;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Grains.Runtimes;

/// <summary>
/// Which account a runtime is bound to, in grain storage, placed anywhere: it must answer while the runtime's own
/// host-pinned grain cannot. Only the AccountGrain writes it, as part of binding or forgetting a runtime.
/// Each binding is written to the runtime roster before the call returns, so the binding is not done until the fleet
/// view lists it; a host registers (binds again) at every start, which repairs a row that missed a change.
/// </summary>
[GrainType("runtime-directory")] // pinned: persisted state is keyed by grain type name
public sealed class RuntimeDirectoryGrain(
    [PersistentState("runtime-directory", GrainStorageNames.State)] IPersistentState<RuntimeDirectoryState> state,
    IRuntimeRoster roster,
    DeepCopier copier,
    TimeProvider clock) : Grain, IRuntimeDirectoryGrain
{
    private string RuntimeId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ResourceIds.RequireRuntimeId(RuntimeId);
        return Task.CompletedTask;
    }

    public Task<RuntimeDirectoryEntry?> GetAsync() => Task.FromResult(
        state.State.AccountId is { } accountId ? new RuntimeDirectoryEntry(RuntimeId, accountId, state.State.BoundAt) : null);

    public async Task<string?> BindAsync(string accountId)
    {
        ResourceIds.RequireAccountId(accountId);
        var previous = state.State.AccountId;
        var changed = !string.Equals(previous, accountId, StringComparison.Ordinal);
        if (changed)
        {
            await ChangeAsync(binding =>
            {
                binding.AccountId = accountId;
                binding.BoundAt = clock.GetUtcNow();
            });
        }

        await roster.RecordBindingAsync(RuntimeId, accountId, CancellationToken.None);
        return changed ? previous : null;
    }

    public async Task UnbindAsync(string accountId)
    {
        if (string.Equals(state.State.AccountId, accountId, StringComparison.Ordinal))
        {
            await ChangeAsync(binding => binding.AccountId = null);
            await roster.ForgetBindingAsync(RuntimeId, accountId, CancellationToken.None);
        }
    }

    /// <summary>Persists a change; a failed write leaves memory as it was and drops this activation.</summary>
    private Task ChangeAsync(Action<RuntimeDirectoryState> change) => state.ChangeAsync(copier, change, this.DeactivateOnIdle);
}
