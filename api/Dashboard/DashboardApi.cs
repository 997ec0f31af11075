using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Dashboard;
using SkillsOrleans.Api.Auth;
using SkillsOrleans.Contracts.Dashboard;

namespace SkillsOrleans.Api.Dashboard;

/// <summary>
/// The Orleans dashboard at <c>/dashboard/</c> for platform admins (<see cref="DashboardAccess"/>), and the session
/// endpoints that let a browser open it. The dashboard's own pages and data routes are left out of the OpenAPI
/// document (they are the package's, not this API's); the session endpoints are in it.
/// </summary>
public static class DashboardApi
{
    public static RouteGroupBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOrleansDashboard(DashboardAccess.Path).RequireAuthorization(DashboardAccess.BearerOrCookie).ExcludeFromDescription();

        var session = endpoints.MapGroup($"{DashboardAccess.Path}/session");
        // Bearer only (the default scheme): a session cookie cannot extend itself.
        session.MapPost("", OpenAsync).RequireAuthorization(PlatformAdmins.Policy).WithName("OpenDashboardSession")
            .WithSummary("Set the cookie that opens /dashboard/ in this browser for a short while (platform admins)");
        // Anonymous: the cookie itself is what it ends (it may have expired already).
        session.MapDelete("", CloseAsync).WithName("CloseDashboardSession")
            .WithSummary("End the dashboard session, wherever it was opened, and clear its cookie");
        return session;
    }

    /// <summary>
    /// Opens a session until the session lifetime or the token's own expiry, whichever comes first (the cookie never
    /// outlives the token that obtained it), and sets its cookie.
    /// </summary>
    private static async Task<Ok<DashboardSession>> OpenAsync(
        HttpContext http, ClaimsPrincipal user, DashboardSettings settings, TimeProvider clock, IClusterClient cluster)
    {
        var now = clock.GetUtcNow();
        var expiresAt = now + settings.SessionLifetime;
        if (user.ExpiresAt() is { } tokenExpiry && tokenExpiry < expiresAt)
        {
            expiresAt = tokenExpiry;
        }

        string value;
        do
        {
            value = DashboardSessionCookie.NewValue(); // 256 random bits: a second try is for form's sake
        }
        while (!await cluster.GetGrain<IDashboardSessionGrain>(DashboardSessionCookie.GrainKeyOf(value)!).OpenAsync(user.SubjectOf()!, expiresAt));

        http.Response.Cookies.Append(DashboardAccess.CookieName, value, DashboardSessionCookie.Options(http.Request, expiresAt));
        return TypedResults.Ok(new DashboardSession($"{DashboardAccess.Path}/", expiresAt));
    }

    /// <summary>Ends the session the cookie names, wherever it was opened, and clears the cookie.</summary>
    private static async Task<NoContent> CloseAsync(HttpContext http, IClusterClient cluster)
    {
        if (DashboardSessionCookie.GrainKeyOf(http.Request.Cookies[DashboardAccess.CookieName]) is { } key)
        {
            await cluster.GetGrain<IDashboardSessionGrain>(key).CloseAsync();
        }

        http.Response.Cookies.Delete(DashboardAccess.CookieName, DashboardSessionCookie.Options(http.Request, DateTimeOffset.UnixEpoch));
        return TypedResults.NoContent();
    }
}

/// <summary>Where to open the dashboard, and until when the session cookie just set is valid.</summary>
public sealed record DashboardSession(string Url, DateTimeOffset ExpiresAt);
