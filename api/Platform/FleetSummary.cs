using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Fleet;

namespace SkillsOrleans.Api.Platform;

/// <summary>
/// <c>GET /api/platform/fleet/summary</c>: every runtime the roster lists, by the state its host last reported
/// (<c>online</c>, <c>unknown</c>: went quiet, <c>offline</c>: the rest), every account, every key waiting for an
/// admin across them, and when the longest-waiting of those was requested (null when none waits).
/// </summary>
public sealed record FleetSummary(int Runtimes, int Online, int Unknown, int Offline, int Accounts, int KeysWaiting, DateTimeOffset? OldestKeyWaitingSince)
{
    public static FleetSummary Of(int runtimes, FleetReportTally reports, AccountTally accounts)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(accounts);
        // A host may report before its roster row is read back; no figure goes below zero for that moment.
        var listed = Math.Max(runtimes, reports.Online + reports.Quiet);
        return new FleetSummary(listed, reports.Online, reports.Quiet, listed - reports.Online - reports.Quiet, accounts.Accounts, accounts.KeysWaiting, accounts.OldestKeyWaitingSince);
    }
}
