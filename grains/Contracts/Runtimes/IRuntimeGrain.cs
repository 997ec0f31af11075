namespace SkillsOrleans.Contracts.Runtimes;

/// <summary>
/// One OpenClaw runtime host, keyed by runtime id. Host-pinned: it activates only on the silo whose metadata names
/// this runtime id; if that silo is not in the cluster every call fails at once with RuntimeOfflineException.
/// </summary>
[Alias("skillsorleans.runtime")]
public interface IRuntimeGrain : IGrainWithStringKey
{
    /// <summary>Activates the runtime on its host and registers it with its account. Safe to call repeatedly.</summary>
    [Alias("ensure-started")]
    Task<RuntimeStatus> EnsureStartedAsync();

    [Alias("get-status")]
    Task<RuntimeStatus> GetStatusAsync();

    [Alias("get-health")]
    Task<RuntimeHealth> GetHealthAsync();
}
