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

    /// <summary>The account's credential index, ordered by credential ref, with its tag.</summary>
    public async Task<Tagged<IReadOnlyList<CredentialSnapshot>>> CredentialsAsync(string accountId)
    {
        var key = new CredentialsKey(accountId);
        var held = _held.Get<Tagged<IReadOnlyList<CredentialSnapshot>>>(key);
        var read = await cluster.GetGrain<IAccountGrain>(accountId).ListCredentialsIfChangedAsync(held?.Tag);
        if (read.Credentials is null && held is not null && string.Equals(held.Tag, read.Tag, StringComparison.Ordinal))
        {
            return held;
        }

        var credentials = read.Credentials
            ?? throw new InvalidOperationException($"Account '{accountId}' answered 'unchanged' to a read that held nothing.");
        return Keep(key, new Tagged<IReadOnlyList<CredentialSnapshot>>(read.Tag, credentials), credentials.Count);
    }

    /// <summary>
    /// The catalogs the runtimes last published to the account, ordered by runtime id (runtimes that never published
    /// are left out), tagged with the runtimes' tags together.
    /// </summary>
    public async Task<Tagged<IReadOnlyList<SkillCatalog>>> CatalogsAsync(string accountId, IEnumerable<string> runtimeIds)
    {
        var catalogs = await Task.WhenAll(runtimeIds.Order(StringComparer.Ordinal).Select(runtimeId => CatalogAsync(accountId, runtimeId)));
        return new Tagged<IReadOnlyList<SkillCatalog>>(
            string.Join(' ', catalogs.Select(c => c.Tag)),
            [.. catalogs.Select(c => c.Value).OfType<SkillCatalog>()]);
    }

    /// <summary>
    /// What <paramref name="build"/> makes of reads with the given tag: made once per tag and kept like the reads
    /// (<paramref name="entries"/> counts toward <see cref="MaxEntries"/>), so an unchanged listing is not rebuilt.
    /// </summary>
    public T Derived<T>(object key, string tag, Func<T> build, Func<T, int> entries)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(entries);
        if (_held.Get<Tagged<T>>(key) is { } held && string.Equals(held.Tag, tag, StringComparison.Ordinal))
        {
            return held.Value;
        }

        var value = build();
        return Keep(key, new Tagged<T>(tag, value), entries(value)).Value;
    }

    public void Dispose() => _held.Dispose();

    private async Task<Tagged<SkillCatalog?>> CatalogAsync(string accountId, string runtimeId)
    {
        var key = new CatalogKey(accountId, runtimeId);
        var held = _held.Get<Tagged<SkillCatalog?>>(key);
        var read = await cluster.GetGrain<IRuntimeCatalogGrain>(runtimeId).GetIfChangedAsync(accountId, held?.Tag);
        if (read.Unchanged && held is not null && string.Equals(held.Tag, read.Tag, StringComparison.Ordinal))
        {
            return held;
        }

        if (read.Unchanged)
        {
            throw new InvalidOperationException($"Runtime '{runtimeId}' answered 'unchanged' to a read that held nothing.");
        }

        return Keep(key, new Tagged<SkillCatalog?>(read.Tag, read.Catalog), read.Catalog?.Skills.Count ?? 0);
    }

    private Tagged<T> Keep<T>(object key, Tagged<T> held, int entries) =>
        _held.Set(key, held, new MemoryCacheEntryOptions { Size = entries + 1, SlidingExpiration = KeptUnread });

    private readonly record struct CredentialsKey(string AccountId);

    private readonly record struct CatalogKey(string AccountId, string RuntimeId);
}

/// <summary>A read and the tag of what it read: the same tag, the same value.</summary>
public sealed record Tagged<T>(string Tag, T Value);
