using Microsoft.AspNetCore.Http.HttpResults;
using SkillsOrleans.Api.Auth;
using SkillsOrleans.Api.Runtimes;
using SkillsOrleans.Contracts.Runtimes;

namespace SkillsOrleans.Api.Platform;

/// <summary>
/// The whole fleet as platform administrators see it: every account, and every runtime with its host's state, skills,
/// credentials and gateway, across accounts. Read from the fleet index and the account grains, with each runtime's
/// host asked in parallel under a short deadline (as the account's own runtime listing does). Not pushed live: a
/// fleet page re-reads it on an interval and when an account's event stream says something changed.
/// </summary>
public static class PlatformFleetApi
{
    public static void MapPlatformFleetApi(this WebApplication app)
    {
        app.MapGet("/api/platform/fleet", GetFleetAsync).RequireAuthorization(PlatformAdmins.Policy).WithName("GetFleet")
            .WithSummary("Every runtime across accounts: online or not, skills, credentials by status, gateway reload (platform admins)");
        app.MapGet("/api/platform/accounts", ListAccountsAsync).RequireAuthorization(PlatformAdmins.Policy).WithName("ListAccounts")
            .WithSummary("Every account with its member and runtime counts (platform admins)");
    }

    private static async Task<Ok<IReadOnlyList<FleetRuntime>>> GetFleetAsync(IClusterClient cluster)
    {
        var roster = await FleetRoster.ReadAsync(cluster);
        var accounts = roster.Accounts.Select(a => a.AccountId).ToHashSet(StringComparer.Ordinal);
        var reports = await Task.WhenAll(roster.Runtimes
            .GroupBy(r => r.AccountId is { } id && accounts.Contains(id) ? id : null)
            .Select(group => RuntimeReports.ForAsync(cluster, group.Key, group.Select(r => r.RuntimeId))));
        var byRuntime = reports.SelectMany(r => r).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        return TypedResults.Ok<IReadOnlyList<FleetRuntime>>([.. roster.Runtimes.Select(r => FleetRuntime.Of(r, byRuntime[r.RuntimeId]))]);
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

/// <summary>
/// A runtime of the fleet: its account (null: bound to none, e.g. a host whose <c>RUNTIME_ACCOUNT</c> names no
/// account — see <c>registrationError</c>), its binding (null when its account does not list it), the host's name
/// (as the host says when it answers, else as it last registered), <c>state</c> <c>online</c>/<c>offline</c>/<c>unknown</c>,
/// and the report's skills, credentials and gateway reload.
/// </summary>
public sealed record FleetRuntime(
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
    string? RegistrationError)
{
    public static FleetRuntime Of(FleetRosterRuntime runtime, RuntimeReport report) => new(
        runtime.RuntimeId, runtime.AccountId, runtime.Binding?.BoundAt, runtime.Binding?.LastRegisteredAt,
        report.HostName ?? runtime.Binding?.HostName, report.State, report.LastSyncAt, report.Skills, report.BrokenSkills,
        report.Credentials, report.GatewayReload, report.RegistrationError);
}

/// <summary>An account in the platform's list: how many members and bound runtimes it has.</summary>
public sealed record PlatformAccountSummary(
    string AccountId, string DisplayName, DateTimeOffset CreatedAt, bool SkillsPocEnabled, int Members, int Runtimes);
