using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Fleet;

namespace SkillsOrleans.Api.Platform;

/// <summary>
/// One page of the fleet's runtimes, read from the runtime roster and the accounts the page's runtimes are bound to (only
/// those: a page costs the same however large the fleet). A runtime is listed with its binding when its account lists
/// it among its runtimes (what the account's members see); otherwise — a host that could not register, or a binding
/// the account has since dropped — under the index's account (none if that account cannot be read), without binding
/// details.
/// </summary>
public sealed record FleetRoster(IReadOnlyList<FleetRosterRuntime> Runtimes, string? NextAfter)
{
    public static async Task<FleetRoster> ReadPageAsync(IClusterClient cluster, IRuntimeRoster roster, PlatformPage page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(roster);
        var indexed = await roster.ReadPageAsync(page.After, page.Limit, cancellationToken);
        var accountIds = indexed.Runtimes.Select(r => r.AccountId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var snapshots = await Task.WhenAll(accountIds.Select(id => cluster.GetGrain<IAccountGrain>(id).GetAsync()));
        var accounts = snapshots.OfType<AccountSnapshot>().ToDictionary(a => a.AccountId, StringComparer.Ordinal);

        return new FleetRoster(
            [.. indexed.Runtimes.Select(runtime =>
                runtime.AccountId is not null && accounts.TryGetValue(runtime.AccountId, out var account)
                    ? new FleetRosterRuntime(runtime.RuntimeId, account.AccountId, account.Runtimes.FirstOrDefault(b => b.RuntimeId == runtime.RuntimeId))
                    : new FleetRosterRuntime(runtime.RuntimeId, null, Binding: null))],
            indexed.NextAfter);
    }
}

/// <summary>A runtime of the fleet: its account (null: bound to none) and, when the account lists it, its binding.</summary>
public sealed record FleetRosterRuntime(string RuntimeId, string? AccountId, RuntimeBinding? Binding);
