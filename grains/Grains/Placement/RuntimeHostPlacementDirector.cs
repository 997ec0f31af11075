using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Runtimes;

namespace SkillsOrleans.Grains.Placement;

/// <summary>
/// Chooses the host silo of a runtime grain from the silos that claim its runtime, or refuses. There is deliberately
/// no fallback: a runtime grain elsewhere would own no workspace and no secret file, so "offline" is the only honest
/// answer, and a claim that is not proven never hosts (<see cref="RuntimeHostChoice"/>). Placement runs only when no
/// activation exists, so a live activation keeps serving without this lookup.
/// </summary>
public sealed class RuntimeHostPlacementDirector(
    ISiloMetadataCache siloMetadata,
    IRuntimeClaimVerifier claims,
    RuntimeIdentityAlarm alarm) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var runtimeId = target.GrainIdentity.Key.ToString()!;
        var claimants = context.GetCompatibleSilos(target)
            .Select(silo => (Silo: silo, Metadata: siloMetadata.GetSiloMetadata(silo).Metadata))
            .Where(silo => silo.Metadata.TryGetValue(RuntimeSiloMetadata.RuntimeIdKey, out var hosted)
                           && string.Equals(hosted, runtimeId, StringComparison.Ordinal))
            .Select(silo => claims.Verify(silo.Silo, silo.Metadata, runtimeId))
            .ToList();

        var choice = RuntimeHostChoice.Decide(claimants);
        if (choice.Impostors.Count > 0 || choice.Refusal is not null)
        {
            alarm.Raise(runtimeId, choice);
        }

        return choice switch
        {
            { Host: { } host } => Task.FromResult(host),
            { Refusal: { } refusal } => throw RuntimeOfflineException.Refused(runtimeId, refusal),
            _ => throw new RuntimeOfflineException(runtimeId),
        };
    }
}
