using Orleans.Concurrency;

namespace SkillsOrleans.Contracts.Skills;

/// <summary>
/// The skills one runtime has installed, keyed by runtime id. Not host-pinned: it answers while the runtime's host
/// is down, with what the host last published. The runtime publishes changes only; each changed skill is one row.
/// </summary>
[Alias("skillsorleans.runtime-catalog")]
public interface IRuntimeCatalogGrain : IGrainWithStringKey
{
    /// <summary>
    /// The runtime's host reports what changed since its last acknowledged publish (or, after it starts, everything).
    /// Refused as not found unless the runtime directory binds the runtime to <paramref name="accountId"/>.
    /// </summary>
    [Alias("publish")]
    Task PublishAsync(string accountId, SkillCatalogChange change);

    /// <summary>The catalog as last published for <paramref name="accountId"/>; null if none was, or for another account.</summary>
    [ReadOnly]
    [Alias("get")]
    Task<SkillCatalog?> GetAsync(string accountId);
}
