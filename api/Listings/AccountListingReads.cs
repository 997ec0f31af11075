using Microsoft.Extensions.Caching.Memory;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Skills;

namespace SkillsOrleans.Api.Listings;

/// <summary>
/// Reads an account's credential index and its runtimes' skill catalogs for the listings, keeping the last answer of
/// each and asking its grain, on every read, only whether it changed (a tag): an unchanged index or catalog of 1,000
/// entries is not copied from the grain again. Every read still reaches the grain, so a listing is never staler than
/// one read straight from it would be. Entries are neither secret nor caller-specific (the caller's access is checked
/// before); what is kept is bounded by <see cref="MaxEntries"/> credentials and skills in all, least used first out.
/// </summary>
public sealed class AccountListingReads(IClusterClient cluster) : IDisposable
{
    /// <summary>Credentials and skills kept in all, across accounts and runtimes (about 1 KB each at most).</summary>
    public const int MaxEntries = 200_000;

    private static readonly TimeSpan KeptUnread = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _held = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    public async Task<IReadOnlyList<CredentialSnapshot>> CredentialsAsync(string accountId)
    {
        var key = new CredentialsKey(accountId);
        var held = _held.Get<Held<IReadOnlyList<CredentialSnapshot>>>(key);
        var read = await cluster.GetGrain<IAccountGrain>(accountId).ListCredentialsIfChangedAsync(held?.Tag);
        if (read.Credentials is null && held is not null && string.Equals(held.Tag, read.Tag, StringComparison.Ordinal))
        {
            return held.Value;
        }

        var credentials = read.Credentials
            ?? throw new InvalidOperationException($"Account '{accountId}' answered 'unchanged' to a read that held nothing.");
        Keep(key, new Held<IReadOnlyList<CredentialSnapshot>>(read.Tag, credentials), credentials.Count);
        return credentials;
    }

    /// <summary>The catalogs the runtimes last published to the account, ordered by runtime id; runtimes that never published are left out.</summary>
    public async Task<IReadOnlyList<SkillCatalog>> CatalogsAsync(string accountId, IEnumerable<string> runtimeIds)
    {
        var catalogs = await Task.WhenAll(runtimeIds.Select(runtimeId => CatalogAsync(accountId, runtimeId)));
        return [.. catalogs.OfType<SkillCatalog>().OrderBy(c => c.RuntimeId, StringComparer.Ordinal)];
    }

    public void Dispose() => _held.Dispose();

    private async Task<SkillCatalog?> CatalogAsync(string accountId, string runtimeId)
    {
        var key = new CatalogKey(accountId, runtimeId);
        var held = _held.Get<Held<SkillCatalog?>>(key);
        var read = await cluster.GetGrain<IRuntimeCatalogGrain>(runtimeId).GetIfChangedAsync(accountId, held?.Tag);
        if (read.Unchanged && held is not null && string.Equals(held.Tag, read.Tag, StringComparison.Ordinal))
        {
            return held.Value;
        }

        if (read.Unchanged)
        {
            throw new InvalidOperationException($"Runtime '{runtimeId}' answered 'unchanged' to a read that held nothing.");
        }

        Keep(key, new Held<SkillCatalog?>(read.Tag, read.Catalog), read.Catalog?.Skills.Count ?? 0);
        return read.Catalog;
    }

    private void Keep<T>(object key, Held<T> held, int entries) =>
        _held.Set(key, held, new MemoryCacheEntryOptions { Size = entries + 1, SlidingExpiration = KeptUnread });

    private sealed record Held<T>(string Tag, T Value);

    private readonly record struct CredentialsKey(string AccountId);

    private readonly record struct CatalogKey(string AccountId, string RuntimeId);
}
