using SkillsOrleans.Api.Accounts;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Sealing;

namespace SkillsOrleans.Api.Runtimes;

/// <summary>
/// A runtime host's public sealing key, asked for on a caller's behalf (the admin page's key route, and the API sealing
/// a programmatic client's plaintext). Asking reaches the host, so it comes last: the caller's account must list the
/// runtime and the runtime directory must bind it to that account — otherwise the same 404 as for a runtime that does
/// not exist, whether its host is up or not. The host then has <see cref="Timeout"/> to answer (setting
/// <c>Runtimes:SealingKeyTimeout</c>, default 2 s); past it the answer is 503 "Runtime offline", with nothing changed.
/// </summary>
public sealed class RuntimeSealingKeys(IClusterClient cluster, IConfiguration configuration)
{
    public const string TimeoutSetting = "Runtimes:SealingKeyTimeout";
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ShortestTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestTimeout = RuntimeCalls.Deadline;

    public TimeSpan Timeout { get; } = configuration.GetValue(TimeoutSetting, DefaultTimeout) is var timeout
        && timeout >= ShortestTimeout && timeout <= LongestTimeout
            ? timeout
            : throw new InvalidOperationException($"{TimeoutSetting} must be from {ShortestTimeout} to {LongestTimeout}; it is {timeout}.");

    public async Task<SealingPublicKey> GetAsync(CallerAccount caller, string runtimeId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRuntime(runtimeId);
        var binding = await cluster.GetGrain<IRuntimeDirectoryGrain>(runtimeId).GetAsync();
        if (!string.Equals(binding?.AccountId, caller.AccountId, StringComparison.Ordinal))
        {
            throw CallerAccount.RuntimeNotFound(runtimeId);
        }

        try
        {
            return await cluster.GetGrain<IRuntimeGrain>(runtimeId).GetSealingKeyAsync().WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw RuntimeOfflineException.NotAnswering(runtimeId, Timeout);
        }
    }
}
