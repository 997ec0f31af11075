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

    /// <summary>
    /// What <see cref="GetAsync"/> answers, with a tag that changes whenever that answer may; when
    /// <paramref name="knownTag"/> is the current tag, only the tag comes back (the reader holds the catalog already).
    /// </summary>
    [ReadOnly]
    [Alias("get-if-changed")]
    Task<SkillCatalogRead> GetIfChangedAsync(string accountId, string? knownTag);
}
