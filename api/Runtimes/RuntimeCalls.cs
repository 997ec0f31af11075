using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Runtimes;

namespace SkillsOrleans.Api.Runtimes;

/// <summary>
/// Calls to a host-pinned RuntimeGrain with a deadline. A runtime whose silo has left the cluster fails at once
/// (<see cref="RuntimeOfflineException"/>, 503); one whose silo is still listed but not answering would otherwise
/// hold the request for Orleans' whole response timeout, so the deadline turns that into a quick 503 as well.
/// </summary>
public static class RuntimeCalls
{
    /// <summary>How long a single request about one runtime waits for its host.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    /// <summary>How long a listing waits for each runtime's host before calling it <see cref="RuntimeReachability.Unknown"/>.</summary>
    public static readonly TimeSpan ListingDeadline = TimeSpan.FromSeconds(2);

    public static Task<T> AskRuntimeAsync<T>(this IClusterClient cluster, string runtimeId, Func<IRuntimeGrain, Task<T>> call) =>
        call(cluster.GetGrain<IRuntimeGrain>(runtimeId)).WaitAsync(Deadline);

    /// <summary>Whether the runtime's host answers, and the status it reports; never throws for an unreachable host.</summary>
    public static Task<(string Reachability, RuntimeStatus? Status)> ProbeAsync(this IClusterClient cluster, string runtimeId) =>
        cluster.ProbeAsync(runtimeId, grain => grain.GetStatusAsync());

    /// <summary>Whether the runtime's host answers, and its answer to <paramref name="call"/>; never throws for an unreachable host.</summary>
    public static async Task<(string Reachability, T? Answer)> ProbeAsync<T>(
        this IClusterClient cluster, string runtimeId, Func<IRuntimeGrain, Task<T>> call)
        where T : class
    {
        try
        {
            var answer = await call(cluster.GetGrain<IRuntimeGrain>(runtimeId)).WaitAsync(ListingDeadline);
            return (RuntimeReachability.Online, answer);
        }
        catch (RuntimeOfflineException)
        {
            return (RuntimeReachability.Offline, null);
        }
        catch (Exception)
        {
            // Not answering in time, or failing to activate: neither may fail or slow the listing it is part of.
            return (RuntimeReachability.Unknown, null);
        }
    }
}

/// <summary>What a listing says about a runtime's host.</summary>
public static class RuntimeReachability
{
    /// <summary>The host answered within the listing deadline.</summary>
    public const string Online = "online";

    /// <summary>The host's silo is not an active member of the cluster.</summary>
    public const string Offline = "offline";

    /// <summary>The host's silo is listed but did not answer in time (or its runtime failed to start).</summary>
    public const string Unknown = "unknown";
}
