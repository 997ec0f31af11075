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

    [Id(0)] public string RuntimeId { get; }
}
