using Microsoft.AspNetCore.Http.HttpResults;
using SkillsOrleans.Api.Auth;
using SkillsOrleans.Api.Runtimes;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Fleet;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Api.Platform;

/// <summary>
/// The whole fleet as platform administrators see it, a page at a time (<see cref="PlatformPage"/>): every account,
/// from the account directory; and every runtime with its host's state, skills, credentials and gateway, from the
/// runtime roster and the fleet index — the state every host last reported to it, so no host is asked on a read — and the accounts
/// of the page's runtimes. Not pushed live: a fleet page re-reads it on an interval and when an account's event stream
/// says something changed.
/// </summary>
public static class PlatformFleetApi
{
    private const string PagingDescription =
        "Ordered by id, at most `limit` (1–1000, default 1000) per answer; when more follow, the `Link` header's `rel=\"next\"` URL reads the next page.";

    public static RouteGroupBuilder MapPlatformFleetApi(this RouteGroupBuilder platform)
    {
        platform.MapGet("/fleet", GetFleetAsync).WithName("GetFleet")
            .WithSummary("Every runtime across accounts: online or not, skills, credentials by status, gateway reload (platform admins)")
            .WithDescription(PagingDescription);
        platform.MapGet("/fleet/summary", GetSummaryAsync).WithName("GetFleetSummary")
            .WithSummary("The whole fleet in figures: runtimes by state, accounts, keys waiting for an admin (platform admins)");
        platform.MapGet("/accounts", ListAccountsAsync).WithName("ListAccounts")
            .WithSummary("Every account with its member and runtime counts (platform admins)")
            .WithDescription(PagingDescription);
        return platform;
    }

    private static async Task<Results<Ok<IReadOnlyList<RuntimeListing>>, ValidationProblem>> GetFleetAsync(
        string? after, int? limit, HttpContext context, IClusterClient cluster, IRuntimeRoster roster, TimeProvider clock, CancellationToken cancellationToken)
    {
        var page = PlatformPage.Read(after, limit, ResourceIds.IsRuntimeId, out var errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var listed = await FleetRoster.ReadPageAsync(cluster, roster, page, cancellationToken);
        var reports = (await cluster.FleetIndex().GetReportsAsync([.. listed.Runtimes.Select(r => r.RuntimeId)]))
            .Reports.ToDictionary(r => r.RuntimeId, StringComparer.Ordinal);
        var catalogs = await RuntimeListings.ReadCatalogsOfUnreportedAsync(cluster, listed.Runtimes.Select(r => r.RuntimeId), reports);
        var now = clock.GetUtcNow();
        var listings = await Task.WhenAll(listed.Runtimes
            .GroupBy(r => r.AccountId)
            .Select(group => RuntimeListings.FromReportsAsync(cluster, group.Key, [.. group.Select(r => (r.RuntimeId, r.Binding))], reports, catalogs, now)));
        page.LinkNext(context, listed.NextAfter);
        return TypedResults.Ok<IReadOnlyList<RuntimeListing>>([
            .. listings.SelectMany(l => l).Select(HostErrorCodes.ForOperators).OrderBy(l => l.Runtime, StringComparer.Ordinal),
        ]);
    }

    /// <summary>Three reads whatever the fleet's size: the roster's count, the directory's totals, the reports' tally.</summary>
    private static async Task<Ok<FleetSummary>> GetSummaryAsync(
        IClusterClient cluster, IRuntimeRoster roster, IAccountDirectory directory, CancellationToken cancellationToken)
    {
        var runtimes = roster.CountAsync(cancellationToken);
        var accounts = directory.TallyAsync(cancellationToken);
        var reports = await cluster.FleetIndex().GetTallyAsync();
        return TypedResults.Ok(FleetSummary.Of(await runtimes, reports, await accounts));
    }

    private static async Task<Results<Ok<IReadOnlyList<AccountSummary>>, ValidationProblem>> ListAccountsAsync(
        string? after, int? limit, HttpContext context, IAccountDirectory directory, CancellationToken cancellationToken)
    {
        var page = PlatformPage.Read(after, limit, ResourceIds.IsAccountId, out var errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var read = await directory.ReadPageAsync(page.After, page.Limit, cancellationToken);
        page.LinkNext(context, read.NextAfter);
        return TypedResults.Ok(read.Accounts);
    }
}
