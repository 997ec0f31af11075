using SkillsOrleans.Contracts.Accounts;

namespace SkillsOrleans.Contracts.Skills;

/// <summary>
/// An account's skills, read the way the API lists them: from each bound runtime's own catalog grain, in parallel,
/// without passing through the account grain's turn.
/// </summary>
public static class SkillCatalogReads
{
    /// <summary>The catalogs the runtimes last published to the account, by runtime id; runtimes that never published are left out.</summary>
    public static async Task<IReadOnlyList<SkillCatalog>> ReadSkillCatalogsAsync(
        this IGrainFactory grains, string accountId, IEnumerable<string> runtimeIds)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var catalogs = await Task.WhenAll(runtimeIds.Select(runtime => grains.GetGrain<IRuntimeCatalogGrain>(runtime).GetAsync(accountId)));
        return [.. catalogs.OfType<SkillCatalog>().OrderBy(c => c.RuntimeId, StringComparer.Ordinal)];
    }

    /// <summary>The catalogs of every runtime bound to the account as it stands now.</summary>
    public static async Task<IReadOnlyList<SkillCatalog>> ReadSkillCatalogsAsync(this IGrainFactory grains, string accountId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var account = await grains.GetGrain<IAccountGrain>(accountId).GetAsync();
        return account is null ? [] : await grains.ReadSkillCatalogsAsync(accountId, account.Runtimes.Select(r => r.RuntimeId));
    }
}
