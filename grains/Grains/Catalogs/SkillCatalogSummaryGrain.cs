using Orleans.Concurrency;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Grains.Catalogs;

/// <summary>Reads catalog summaries from the catalog store for whoever asks (<see cref="ISkillCatalogSummaryGrain"/>).</summary>
[StatelessWorker]
[GrainType("skill-catalog-summaries")]
public sealed class SkillCatalogSummaryGrain(ISkillCatalogStore store) : Grain, ISkillCatalogSummaryGrain
{
    /// <summary>The most runtimes one call may name: a page of the fleet.</summary>
    public const int MaxRuntimes = 1000;

    public Task<IReadOnlyList<SkillCatalogSummary>> ReadAsync(IReadOnlyList<string> runtimeIds)
    {
        ArgumentNullException.ThrowIfNull(runtimeIds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(runtimeIds.Count, MaxRuntimes);
        foreach (var runtimeId in runtimeIds)
        {
            ResourceIds.RequireRuntimeId(runtimeId);
        }

        return runtimeIds.Count == 0
            ? Task.FromResult<IReadOnlyList<SkillCatalogSummary>>([])
            : store.ReadSummariesAsync(runtimeIds, CancellationToken.None);
    }
}
