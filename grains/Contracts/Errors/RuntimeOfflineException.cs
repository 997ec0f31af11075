namespace SkillsOrleans.Contracts.Errors;

/// <summary>
/// The silo that hosts this runtime is not in the cluster. Raised by placement, so the RuntimeGrain never
/// activates anywhere else and nothing is queued for later. The API answers 503.
/// </summary>
[GenerateSerializer, Alias("skillsorleans.runtime-offline")]
public sealed class RuntimeOfflineException : Exception
{
    public RuntimeOfflineException(string runtimeId)
        : base($"Runtime '{runtimeId}' is offline: its host silo is not an active member of the cluster.")
    {
        RuntimeId = runtimeId;
    }

    /// <summary>
    /// The runtime's host silo is refused rather than missing: silos claim the runtime without proof, or several
    /// prove it (see docs/cluster-tls.md). The refusal names silos, never keys.
    /// </summary>
    public RuntimeOfflineException(string runtimeId, string identityRefusal)
        : base($"Runtime '{runtimeId}' has no trusted host: {identityRefusal}.")
    {
        RuntimeId = runtimeId;
        IdentityRefusal = identityRefusal;
    }

    [Id(0)] public string RuntimeId { get; }

    [Id(1)] public string? IdentityRefusal { get; }
}
