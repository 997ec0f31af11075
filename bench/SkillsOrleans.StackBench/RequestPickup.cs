using System.Diagnostics;
using SkillsOrleans.CrashHarness;

namespace SkillsOrleans.StackBench;

/// <summary>
/// From an agent's request file appearing in the workspace (the rename that publishes it) to the key listed
/// <c>pending</c> by the API: one key at a time, each found by reading the account's listing every few milliseconds,
/// so the figure includes up to one poll interval and one listing read on top of the product's own delay.
/// </summary>
public static class RequestPickup
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    /// <summary>Requests every key of the stack in turn; every key is pending afterwards.</summary>
    public static async Task<IReadOnlyList<double>> MeasureAsync(BenchCluster stack)
    {
        var milliseconds = new List<double>(stack.Keys.Count);
        foreach (var key in stack.Keys)
        {
            var started = Stopwatch.GetTimestamp();
            stack.Host(key.Tenant).WriteRequest(key.Skill.SkillKey, key.KeyName, "request pickup benchmark");
            while (!await IsPendingAsync(stack.Apis, key))
            {
                if (Stopwatch.GetElapsedTime(started) > GiveUpAfter)
                {
                    throw new TimeoutException($"{key.Ref} was not listed pending {GiveUpAfter.TotalSeconds} s after its request file.");
                }

                await Task.Delay(PollInterval);
            }

            milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return milliseconds;
    }

    private static async Task<bool> IsPendingAsync(ApiPair apis, CredentialTrack key) =>
        await CredentialListing.ReadAsync(apis, key.Tenant) is { } listing
        && listing.TryGetValue(key.Ref, out var listed)
        && listed.Status == "pending";
}
