using Orleans.Concurrency;

namespace SkillsOrleans.Contracts.Runtimes;

/// <summary>
/// Which account a runtime is bound to, keyed by runtime id. Not host-pinned: it answers while the runtime's host
/// is down, so the API can decide who may ask about a runtime without reaching it. Kept in step by the
/// AccountGrain when it binds or forgets a runtime; a runtime belongs to one account at a time.
/// </summary>
[Alias("skillsorleans.runtime-directory")]
public interface IRuntimeDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The binding, or null if the runtime is bound to no account.</summary>
    [ReadOnly]
    [Alias("get")]
    Task<RuntimeDirectoryEntry?> GetAsync();

    /// <summary>Records that the runtime is bound to the account. Returns the account it leaves, if another one.</summary>
    [Alias("bind")]
    Task<string?> BindAsync(string accountId);

    /// <summary>Forgets the binding if it still names this account; a newer binding to another account stays.</summary>
    [Alias("unbind")]
    Task UnbindAsync(string accountId);
}
