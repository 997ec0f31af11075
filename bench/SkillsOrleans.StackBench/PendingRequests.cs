using System.Diagnostics;
using SkillsOrleans.CrashHarness;

namespace SkillsOrleans.StackBench;

/// <summary>An agent's request file for each key, dropped all at once, waited for until the API lists every one pending.</summary>
public static class PendingRequests
{
    /// <returns>How long it took from the first file to the last key listed pending.</returns>
    public static async Task<TimeSpan> DropAndWaitAsync(BenchCluster stack, TenantPlan tenant, IReadOnlyCollection<CredentialTrack> keys)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(keys);
        var started = Stopwatch.GetTimestamp();
        foreach (var key in keys)
        {
            stack.Host(tenant).WriteRequest(key.Skill.SkillKey, key.KeyName, "benchmark");
        }

        while ((await CredentialListing.ReadAsync(stack.Apis, tenant))?.Count(c => c.Value.Status == "pending") != keys.Count)
        {
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"{keys.Count} request files did not all become pending within 5 minutes.");
            }

            await Task.Delay(100);
        }

        return Stopwatch.GetElapsedTime(started);
    }
}
