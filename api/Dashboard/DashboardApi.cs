using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Dashboard;
using SkillsOrleans.Api.Auth;

namespace SkillsOrleans.Api.Dashboard;

/// <summary>
/// The Orleans dashboard at <c>/dashboard/</c> for platform admins (<see cref="DashboardAccess"/>), and the session
/// endpoints that let a browser open it. The dashboard's own pages and data routes are left out of the OpenAPI
/// document (they are the package's, not this API's); the session endpoints are in it.
/// </summary>
public static class DashboardApi
{
    public static void MapDashboard(this WebApplication app)
    {
        app.MapOrleansDashboard(DashboardAccess.Path).RequireAuthorization(DashboardAccess.BearerOrCookie).ExcludeFromDescription();

        var session = app.MapGroup($"{DashboardAccess.Path}/session");
        // Bearer only (the default scheme): a session cookie cannot extend itself.
        session.MapPost("", OpenAsync).RequireAuthorization(PlatformAdmins.Policy).WithName("OpenDashboardSession")
            .WithSummary("Set the cookie that opens /dashboard/ in this browser for a short while (platform admins)");
        // Anonymous: it only clears the cookie, which may have expired already. (Typed as a Func so that it is mapped
        // as a route handler with a typed result, not as a plain RequestDelegate.)
        session.MapDelete("", (Func<HttpContext, Task<NoContent>>)CloseAsync).WithName("CloseDashboardSession")
            .WithSummary("Clear the dashboard session cookie");
    }

    /// <summary>
    /// Signs the caller in to the dashboard scheme until the session lifetime or the token's own expiry, whichever
    /// comes first: the cookie never outlives the token that obtained it.
    /// </summary>
    private static async Task<Ok<DashboardSession>> OpenAsync(
        HttpContext http, ClaimsPrincipal user, DashboardSettings settings, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var expiresAt = now + settings.SessionLifetime;
        if (long.TryParse(user.FindFirst("exp")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var exp)
            && DateTimeOffset.FromUnixTimeSeconds(exp) < expiresAt)
        {
            expiresAt = DateTimeOffset.FromUnixTimeSeconds(exp);
        }

        var identity = new ClaimsIdentity([new Claim(UserClaims.Subject, user.SubjectOf()!)], DashboardAccess.Scheme, UserClaims.Subject, roleType: null);
        await http.SignInAsync(DashboardAccess.Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties
        {
            IssuedUtc = now,
            ExpiresUtc = expiresAt,
            IsPersistent = true, // the browser drops the cookie at expiry too
            AllowRefresh = false,
        });
        return TypedResults.Ok(new DashboardSession($"{DashboardAccess.Path}/", expiresAt));
    }

    private static async Task<NoContent> CloseAsync(HttpContext http)
    {
        await http.SignOutAsync(DashboardAccess.Scheme);
        return TypedResults.NoContent();
    }
}

/// <summary>Where to open the dashboard, and until when the session cookie just set is valid.</summary>
public sealed record DashboardSession(string Url, DateTimeOffset ExpiresAt);
