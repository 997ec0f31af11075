using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Fleet;

namespace SkillsOrleans.Api.Platform;

/// <summary>
/// Every account and runtime of the platform, read from the fleet index and the accounts it names. A runtime is
/// listed under the account that lists it among its runtimes (what its members see); one only the index knows —
/// a host that could not register, or a binding the account has since dropped — under the index's account (none if
/// that account cannot be read), without binding details.
/// </summary>
public sealed record FleetRoster(IReadOnlyList<AccountSnapshot> Accounts, IReadOnlyList<FleetRosterRuntime> Runtimes)
{
    public static async Task<FleetRoster> ReadAsync(IClusterClient cluster)
    {
        var index = await cluster.FleetIndex().GetAsync();
        var accountIds = index.Accounts
            .Concat(index.Runtimes.Select(r => r.AccountId).OfType<string>())
            .Distinct(StringComparer.Ordinal);
        var snapshots = await Task.WhenAll(accountIds.Select(id => cluster.GetGrain<IAccountGrain>(id).GetAsync()));
        var accounts = snapshots.OfType<AccountSnapshot>().OrderBy(a => a.AccountId, StringComparer.Ordinal).ToList();

        var indexed = index.Runtimes.ToDictionary(r => r.RuntimeId, r => r.AccountId, StringComparer.Ordinal);
        var runtimes = new Dictionary<string, FleetRosterRuntime>(StringComparer.Ordinal);
        foreach (var account in accounts)
        {
            foreach (var binding in account.Runtimes)
            {
                // Mid-move two accounts may list one runtime for a moment; the index (kept by the runtime directory) decides.
                if (!runtimes.ContainsKey(binding.RuntimeId) || indexed.GetValueOrDefault(binding.RuntimeId) == account.AccountId)
                {
                    runtimes[binding.RuntimeId] = new FleetRosterRuntime(binding.RuntimeId, account.AccountId, binding);
                }
            }
        }

        var known = accounts.Select(a => a.AccountId).ToHashSet(StringComparer.Ordinal);
        foreach (var (runtimeId, accountId) in indexed)
        {
            runtimes.TryAdd(runtimeId, new FleetRosterRuntime(runtimeId, accountId is not null && known.Contains(accountId) ? accountId : null, Binding: null));
        }

        return new FleetRoster(accounts, [.. runtimes.Values.OrderBy(r => r.RuntimeId, StringComparer.Ordinal)]);
    }
}

/// <summary>A runtime of the fleet: its account (null: bound to none) and, when the account lists it, its binding.</summary>
public sealed record FleetRosterRuntime(string RuntimeId, string? AccountId, RuntimeBinding? Binding);
