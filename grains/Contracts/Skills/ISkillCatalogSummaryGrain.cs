namespace SkillsOrleans.Contracts.Skills;

/// <summary>
/// How many skills runtimes last published and when they scanned, many runtimes in one call: what runtime listings
/// show for a host that neither answers nor reports. A stateless worker on the core silo the caller reaches, reading
/// what the catalog grains stored (they store a change before acknowledging it), so a page of 1,000 runtimes is one
/// call and one query instead of 1,000 catalog grains. Use key 0.
/// </summary>
[Alias("skillsorleans.skill-catalog-summaries")]
public interface ISkillCatalogSummaryGrain : IGrainWithIntegerKey
{
    /// <summary>The summary of each of these runtimes that ever published a catalog, for whichever account it published for.</summary>
    [Alias("read")]
    Task<IReadOnlyList<SkillCatalogSummary>> ReadAsync(IReadOnlyList<string> runtimeIds);
}

/// <summary>A runtime's last published catalog in figures: the account it was for, its scan time, its skills and how many of them are broken.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.skill-catalog-summary")]
public sealed record SkillCatalogSummary(
    [property: Id(0)] string RuntimeId,
    [property: Id(1)] string AccountId,
    [property: Id(2)] DateTimeOffset ScannedAt,
    [property: Id(3)] int Skills,
    [property: Id(4)] int BrokenSkills)
{
    /// <summary>The summaries published for <paramref name="accountId"/>, by runtime id: another account's catalog is none of its business.</summary>
    public static IReadOnlyDictionary<string, SkillCatalogSummary> Of(IEnumerable<SkillCatalogSummary> summaries, string accountId) =>
        summaries.Where(s => string.Equals(s.AccountId, accountId, StringComparison.Ordinal)).ToDictionary(s => s.RuntimeId, StringComparer.Ordinal);
}
