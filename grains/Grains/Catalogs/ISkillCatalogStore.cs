using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Model.Skills;

namespace SkillsOrleans.Grains.Catalogs;

/// <summary>
/// Where runtimes' skill catalogs are kept: a row per skill, so that a change writes the changed skills only.
/// PostgreSQL in every host (deploy/sql/0008_skill_catalogs.sql).
/// </summary>
public interface ISkillCatalogStore
{
    /// <summary>The runtime's catalog as stored, or null if it never published one.</summary>
    Task<StoredSkillCatalog?> ReadAsync(string runtimeId, CancellationToken cancellationToken);

    /// <summary>For each of these runtimes that has a stored catalog: its account, scan time, skill count and broken skills.</summary>
    Task<IReadOnlyList<SkillCatalogSummary>> ReadSummariesAsync(IReadOnlyList<string> runtimeIds, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the header (account, scan time) and the given skills, and deletes the given folders, in one
    /// transaction: either all of the change is stored or none of it.
    /// </summary>
    Task ApplyAsync(
        string runtimeId,
        string accountId,
        DateTimeOffset scannedAt,
        IReadOnlyList<SkillManifest> upserts,
        IReadOnlyList<string> deletedFolders,
        CancellationToken cancellationToken);
}

/// <summary>A runtime's catalog as stored: the account it was published for, when, and its skills by folder.</summary>
public sealed record StoredSkillCatalog(string AccountId, DateTimeOffset ScannedAt, IReadOnlyList<SkillManifest> Skills);
