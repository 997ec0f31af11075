using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Fleet;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Api.Runtimes;

/// <summary>
/// Runtimes as the account's listing and the platform's fleet view show them: whether each host is online, its
/// skills and last workspace sync, its credentials by status (from the account's credential index, so counted while
/// the host is down) and its gateway's last reload. The account's listing asks each of its hosts (in parallel, each
/// under <see cref="RuntimeCalls.ListingDeadline"/>); the fleet view reads what the hosts last reported to the fleet
/// index, so a read costs the same however many hosts there are. What a host no longer answers or reports, the
/// catalog it last published to its account stands in for.
/// </summary>
public static class RuntimeListings
{
    /// <summary>
    /// The runtimes of one account (or of none: <paramref name="accountId"/> null), in the order given, each with its
    /// binding to that account if the account lists it, each host asked.
    /// </summary>
    public static async Task<IReadOnlyList<RuntimeListing>> ForAsync(
        IClusterClient cluster, string? accountId, IReadOnlyList<(string RuntimeId, RuntimeBinding? Binding)> runtimes)
    {
        var probes = Task.WhenAll(runtimes.Select(r => cluster.ProbeAsync(r.RuntimeId, grain => grain.GetHealthAsync())));
        var account = await AccountSideAsync(cluster, accountId, [.. runtimes.Select(r => r.RuntimeId)]);
        var answers = await probes;
        return [.. runtimes.Select((runtime, i) => answers[i].Answer is { } health
            ? FromHealth(runtime.RuntimeId, accountId, runtime.Binding, health, account.Counts(runtime.RuntimeId))
            : Unheard(runtime.RuntimeId, accountId, runtime.Binding, answers[i].Reachability, account, report: null))];
    }

    /// <summary>
    /// As <see cref="ForAsync"/>, from the hosts' last reports (<paramref name="reports"/>, by runtime id) instead of
    /// asking them, and for a host that never reported from <paramref name="catalogs"/>, read by the caller for a whole
    /// page at once (<see cref="ReadCatalogsOfUnreportedAsync"/>).
    /// </summary>
    public static async Task<IReadOnlyList<RuntimeListing>> FromReportsAsync(
        IClusterClient cluster, string? accountId, IReadOnlyList<(string RuntimeId, RuntimeBinding? Binding)> runtimes,
        IReadOnlyDictionary<string, RuntimeReport> reports, IReadOnlyList<SkillCatalogSummary> catalogs, DateTimeOffset now)
    {
        var account = accountId is null
            ? AccountSide.None
            : new AccountSide(await cluster.GetGrain<IAccountGrain>(accountId).CountCredentialsByRuntimeAsync(), SkillCatalogSummary.Of(catalogs, accountId));
        return [.. runtimes.Select(runtime =>
        {
            var report = reports.GetValueOrDefault(runtime.RuntimeId);
            var state = ReportedState.Of(report, now);
            return state == RuntimeReachability.Online
                ? FromReport(runtime.RuntimeId, accountId, runtime.Binding, report!, account.Counts(runtime.RuntimeId))
                : Unheard(runtime.RuntimeId, accountId, runtime.Binding, state, account, report);
        })];
    }

    /// <summary>The published catalog figures of the runtimes that have no report, in one call for all of them.</summary>
    public static async Task<IReadOnlyList<SkillCatalogSummary>> ReadCatalogsOfUnreportedAsync(
        IClusterClient cluster, IEnumerable<string> runtimeIds, IReadOnlyDictionary<string, RuntimeReport> reports)
    {
        var unreported = runtimeIds.Where(id => !reports.ContainsKey(id)).ToList();
        return unreported.Count == 0 ? [] : await cluster.GetGrain<ISkillCatalogSummaryGrain>(0).ReadAsync(unreported);
    }

    /// <summary>The account's credentials counted by runtime, and the catalog figures of its runtimes (one call for all).</summary>
    private static async Task<AccountSide> AccountSideAsync(IClusterClient cluster, string? accountId, IReadOnlyList<string> runtimeIds)
    {
        if (accountId is null)
        {
            return AccountSide.None;
        }

        var credentials = cluster.GetGrain<IAccountGrain>(accountId).CountCredentialsByRuntimeAsync();
        var catalogs = runtimeIds.Count == 0 ? [] : await cluster.GetGrain<ISkillCatalogSummaryGrain>(0).ReadAsync(runtimeIds);
        return new AccountSide(await credentials, SkillCatalogSummary.Of(catalogs, accountId));
    }

    private static RuntimeListing FromHealth(string runtimeId, string? accountId, RuntimeBinding? binding, RuntimeHealth health, CredentialCounts credentials) =>
        new(runtimeId, accountId, binding?.BoundAt, binding?.LastRegisteredAt, health.Runtime.HostName, RuntimeReachability.Online,
            health.SkillSync.LastSyncAt, health.SkillSync.Skills, health.SkillSync.BrokenSkills, credentials,
            health.GatewayReload, health.Runtime.RegistrationError);

    private static RuntimeListing FromReport(string runtimeId, string? accountId, RuntimeBinding? binding, RuntimeReport report, CredentialCounts credentials) =>
        new(runtimeId, accountId, binding?.BoundAt, binding?.LastRegisteredAt, report.HostName, RuntimeReachability.Online,
            report.LastSyncAt, report.Skills, report.BrokenSkills, credentials, report.GatewayReload, report.RegistrationError);

    /// <summary>A host that did not answer (or report lately): skills from its last report, else from its last published catalog.</summary>
    private static RuntimeListing Unheard(string runtimeId, string? accountId, RuntimeBinding? binding, string state, AccountSide account, RuntimeReport? report)
    {
        var catalog = account.Catalogs.GetValueOrDefault(runtimeId);
        return report is not null
            ? new RuntimeListing(runtimeId, accountId, binding?.BoundAt, binding?.LastRegisteredAt, report.HostName ?? binding?.HostName, state,
                report.LastSyncAt, report.Skills, report.BrokenSkills, account.Counts(runtimeId), GatewayReload: null, RegistrationError: null)
            : new RuntimeListing(runtimeId, accountId, binding?.BoundAt, binding?.LastRegisteredAt, binding?.HostName, state,
                catalog?.ScannedAt, catalog?.Skills, catalog?.BrokenSkills, account.Counts(runtimeId),
                GatewayReload: null, RegistrationError: null);
    }

    /// <summary>What the account knows of its runtimes: its credentials by runtime and status, and the catalogs its runtimes published.</summary>
    private sealed record AccountSide(IReadOnlyDictionary<string, CredentialCounts> Credentials, IReadOnlyDictionary<string, SkillCatalogSummary> Catalogs)
    {
        public static AccountSide None { get; } = new(
            new Dictionary<string, CredentialCounts>(StringComparer.Ordinal), new Dictionary<string, SkillCatalogSummary>(StringComparer.Ordinal));

        public CredentialCounts Counts(string runtimeId) => Credentials.GetValueOrDefault(runtimeId) ?? CredentialCounts.None;
    }
}

/// <summary>
/// A runtime's state from its last report: <c>online</c> while it reports (within <see cref="RuntimeReports.StaleAfter"/>),
/// <c>offline</c> when it said it stopped or never reported since the fleet index started listening, <c>unknown</c>
/// when it went quiet without saying so (killed, or cut off from the cluster).
/// </summary>
public static class ReportedState
{
    public static string Of(RuntimeReport? report, DateTimeOffset now) => report switch
    {
        null => RuntimeReachability.Offline,
        _ when RuntimeReports.SaysOnline(report, now) => RuntimeReachability.Online,
        _ when RuntimeReports.WentQuiet(report, now) => RuntimeReachability.Unknown,
        _ => RuntimeReachability.Offline,
    };
}

/// <summary>
/// A runtime as a listing shows it: its account (null: bound to none), when it was bound and last registered (null
/// when the account does not list it, or it never registered), its host's name (the host's own answer while it
/// answers, else the name it registered with), <c>state</c> <c>online</c>, <c>offline</c> or <c>unknown</c> (listed
/// but not answering). <c>LastSyncAt</c>, <c>Skills</c> and <c>BrokenSkills</c> come from the host when it answers,
/// else from the catalog it last published (null if it never published); <c>GatewayReload</c> and
/// <c>RegistrationError</c> only from a host that answers.
/// </summary>
public sealed record RuntimeListing(
    string Runtime,
    string? Account,
    DateTimeOffset? BoundAt,
    DateTimeOffset? LastRegisteredAt,
    string? HostName,
    string State,
    DateTimeOffset? LastSyncAt,
    int? Skills,
    int? BrokenSkills,
    CredentialCounts Credentials,
    GatewayReloadStatus? GatewayReload,
    string? RegistrationError);
