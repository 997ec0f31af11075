using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Runtimes;

namespace SkillsOrleans.Grains.Placement;

/// <summary>
/// Chooses the host silo of a runtime grain from silo metadata, or refuses. There is deliberately no fallback:
/// a runtime grain elsewhere would own no workspace and no secret file, so "offline" is the only honest answer.
/// Placement runs only when no activation exists, so a live activation keeps serving without this lookup.
/// </summary>
public sealed partial class RuntimeHostPlacementDirector(
    ISiloMetadataCache siloMetadata,
    ILogger<RuntimeHostPlacementDirector> logger) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var runtimeId = target.GrainIdentity.Key.ToString()!;
        var hosts = context.GetCompatibleSilos(target)
            .Where(silo => HostsRuntime(silo, runtimeId))
            .OrderBy(silo => silo)
            .ToArray();

        if (hosts.Length == 0)
        {
            throw new RuntimeOfflineException(runtimeId);
        }

        if (hosts.Length > 1)
        {
            // Two hosts claiming one runtime is a misconfiguration; choose deterministically so every caller agrees.
            LogDuplicateHosts(logger, runtimeId, string.Join(", ", hosts.Select(h => h.ToString())));
        }

        return Task.FromResult(hosts[0]);
    }

    private bool HostsRuntime(SiloAddress silo, string runtimeId) =>
        siloMetadata.GetSiloMetadata(silo).Metadata.TryGetValue(RuntimeSiloMetadata.RuntimeIdKey, out var hosted)
        && string.Equals(hosted, runtimeId, StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Error, Message = "Runtime {RuntimeId} is claimed by several silos ({Silos}); placing on the first")]
    private static partial void LogDuplicateHosts(ILogger logger, string runtimeId, string silos);
}
