namespace SkillsOrleans.Contracts.Errors;

/// <summary>
/// The silo that hosts this runtime is not in the cluster. Raised by placement, so the RuntimeGrain never
/// activates anywhere else and nothing is queued for later; also raised by the API when the host does not answer a
/// short call in time (<see cref="NotAnswering"/>), before anything was changed. The API answers 503.
/// </summary>
[GenerateSerializer, Alias("skillsorleans.runtime-offline")]
public sealed class RuntimeOfflineException : Exception
{
    public RuntimeOfflineException(string runtimeId)
        : base($"Runtime '{runtimeId}' is offline: its host silo is not an active member of the cluster.")
    {
        RuntimeId = runtimeId;
    }

    private RuntimeOfflineException(string runtimeId, string message, string? identityRefusal)
        : base(message)
    {
        RuntimeId = runtimeId;
        IdentityRefusal = identityRefusal;
    }

    [Id(0)] public string RuntimeId { get; }

    /// <summary>
    /// Set when the runtime's host silo is refused rather than missing: silos claim the runtime without proof, or
    /// several prove it (docs/cluster-tls.md). It names silos, never keys.
    /// </summary>
    [Id(1)] public string? IdentityRefusal { get; }

    /// <summary>The host's silo is listed but did not answer within <paramref name="deadline"/>: as good as offline for this call.</summary>
    public static RuntimeOfflineException NotAnswering(string runtimeId, TimeSpan deadline) =>
        new(runtimeId, $"Runtime '{runtimeId}' is offline: its host did not answer within {deadline.TotalSeconds:0.###} s.", null);

    /// <summary>Placement refused every silo that claims the runtime (<see cref="IdentityRefusal"/>).</summary>
    public static RuntimeOfflineException Refused(string runtimeId, string identityRefusal) =>
        new(runtimeId, $"Runtime '{runtimeId}' has no trusted host: {identityRefusal}.", identityRefusal);
}
