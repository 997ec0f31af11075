using Orleans.Runtime;

namespace SkillsOrleans.Grains.Placement;

/// <summary>A silo's claim to host a runtime, and whether it was proven.</summary>
public sealed record RuntimeClaim(SiloAddress Silo, bool Proven, string? Refusal = null)
{
    public static RuntimeClaim ProvenBy(SiloAddress silo) => new(silo, true);

    public static RuntimeClaim Unproven(SiloAddress silo, string refusal) => new(silo, false, refusal);
}

/// <summary>
/// Decides whether a silo that names a runtime in its metadata may host it. With cluster TLS a claim must be signed
/// with the key of a certificate that names the runtime; in Development without TLS the metadata is taken as it is.
/// </summary>
public interface IRuntimeClaimVerifier
{
    RuntimeClaim Verify(SiloAddress silo, IReadOnlyDictionary<string, string> metadata, string runtimeId);
}

/// <summary>Development without cluster TLS: nothing can be proven, so a claim is taken at its word.</summary>
public sealed class UnverifiedRuntimeClaims : IRuntimeClaimVerifier
{
    public RuntimeClaim Verify(SiloAddress silo, IReadOnlyDictionary<string, string> metadata, string runtimeId) => RuntimeClaim.ProvenBy(silo);
}
