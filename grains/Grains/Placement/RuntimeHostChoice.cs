using Orleans.Runtime;

namespace SkillsOrleans.Grains.Placement;

/// <summary>Where a runtime grain goes, given every silo that claims its runtime: one host, none, or a refusal.</summary>
public sealed record RuntimeHostChoice(SiloAddress? Host, string? Refusal, IReadOnlyList<RuntimeClaim> Impostors)
{
    public static RuntimeHostChoice Offline { get; } = new(null, null, []);

    /// <summary>
    /// One proven claim wins. Several proven claims are refused, never settled by preferring one: two live silos with
    /// the runtime's key mean the key has leaked. The exception is a silo restarted on the same endpoint, whose older
    /// generation cannot still be alive because the new one holds its port. Unproven claims never host and are
    /// reported as impostors; when they are all there is, placement is refused (not "offline") so the impostor shows.
    /// </summary>
    public static RuntimeHostChoice Decide(IReadOnlyCollection<RuntimeClaim> claims)
    {
        var impostors = claims.Where(c => !c.Proven).ToList();
        var proven = claims.Where(c => c.Proven)
            .GroupBy(c => c.Silo.Endpoint)
            .Select(sameEndpoint => sameEndpoint.MaxBy(c => c.Silo.Generation)!.Silo)
            .OrderBy(silo => silo)
            .ToList();
        if (proven.Count == 1)
        {
            return new RuntimeHostChoice(proven[0], null, impostors);
        }

        if (proven.Count > 1)
        {
            return new RuntimeHostChoice(null, $"several silos prove this runtime ({string.Join(", ", proven)})", impostors);
        }

        return impostors.Count == 0
            ? Offline
            : new RuntimeHostChoice(null, "only silos without proof claim this runtime", impostors);
    }
}
