using Microsoft.AspNetCore.Http.HttpResults;
using SkillsOrleans.Api.Auth;
using SkillsOrleans.Api.Runtimes;
using SkillsOrleans.Contracts.Fleet;

namespace SkillsOrleans.Api.Platform;

/// <summary>
/// The whole fleet as platform administrators see it: every account, and every runtime with its host's state, skills,
/// credentials and gateway, across accounts. Read from the fleet index — including the state every host last
/// reported to it, so no host is asked on a read — and the account grains. Not pushed live: a fleet page re-reads it
/// on an interval and when an account's event stream says something changed.
/// </summary>
public static class PlatformFleetApi
{
    public static RouteGroupBuilder MapPlatformFleetApi(this RouteGroupBuilder platform)
    {
        platform.MapGet("/fleet", GetFleetAsync).WithName("GetFleet")
            .WithSummary("Every runtime across accounts: online or not, skills, credentials by status, gateway reload (platform admins)");
        platform.MapGet("/accounts", ListAccountsAsync).WithName("ListAccounts")
            .WithSummary("Every account with its member and runtime counts (platform admins)");
        return platform;
    }

    private static async Task<Ok<IReadOnlyList<RuntimeListing>>> GetFleetAsync(IClusterClient cluster, TimeProvider clock)
    {
        var reading = cluster.FleetIndex().GetReportsAsync();
        var roster = await FleetRoster.ReadAsync(cluster);
        var reports = (await reading).Reports.ToDictionary(r => r.RuntimeId, StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        var listings = await Task.WhenAll(roster.Runtimes
            .GroupBy(r => r.AccountId)
            .Select(group => RuntimeListings.FromReportsAsync(cluster, group.Key, [.. group.Select(r => (r.RuntimeId, r.Binding))], reports, now)));
        return TypedResults.Ok<IReadOnlyList<RuntimeListing>>([
            .. listings.SelectMany(l => l).Select(HostErrorCodes.ForOperators).OrderBy(l => l.Runtime, StringComparer.Ordinal),
        ]);
    }

    private static async Task<Ok<IReadOnlyList<PlatformAccountSummary>>> ListAccountsAsync(IClusterClient cluster)
    {
        var roster = await FleetRoster.ReadAsync(cluster);
        return TypedResults.Ok<IReadOnlyList<PlatformAccountSummary>>([
            .. roster.Accounts.Select(a => new PlatformAccountSummary(
                a.AccountId, a.DisplayName, a.CreatedAt, a.SkillsPocEnabled, a.Members.Count, a.Runtimes.Count)),
        ]);
    }
}

/// <summary>An account in the platform's list: how many members and bound runtimes it has.</summary>
public sealed record PlatformAccountSummary(
    string AccountId, string DisplayName, DateTimeOffset CreatedAt, bool SkillsPocEnabled, int Members, int Runtimes);
