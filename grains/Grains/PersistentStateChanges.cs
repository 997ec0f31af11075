using Orleans.Serialization;

namespace SkillsOrleans.Grains;

/// <summary>
/// How our grains change persisted state: a deep copy is taken, the change applied, the state written. If the write
/// fails for any reason, memory goes back to the copy — without asking the database, which may be what failed — so a
/// change storage did not acknowledge is never answered or written later by another change. Grains that can be
/// placed anywhere also drop the activation (<c>onFailure: this.DeactivateOnIdle</c>): a write that failed in transit
/// may still have landed, and the next activation reads what storage really holds.
/// </summary>
public static class PersistentStateChanges
{
    public static async Task ChangeAsync<T>(this IPersistentState<T> state, DeepCopier copier, Action<T> change, Action? onFailure = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(copier);
        ArgumentNullException.ThrowIfNull(change);
        var before = copier.Copy(state.State);
        change(state.State);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = before!;
            onFailure?.Invoke();
            throw;
        }
    }
}
