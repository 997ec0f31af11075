using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using SkillsOrleans.Api.Auth;

namespace SkillsOrleans.Api.Dashboard;

/// <summary>
/// Who may open the Orleans dashboard at <see cref="Path"/>: platform admins, with a bearer token or with the
/// short-lived session cookie <c>POST /dashboard/session</c> issues — a browser cannot attach a bearer token when it
/// navigates to a page, and the dashboard's own scripts fetch their data without one. The cookie is a second
/// authentication scheme that only the dashboard's routes accept: HttpOnly, SameSite=Strict, Secure over https,
/// scoped to <see cref="Path"/>; its random value names a session grain (<see cref="DashboardSessionHandler"/>) that
/// holds the subject for <see cref="DashboardSettings.SessionLifetime"/> at most, so every API instance accepts it
/// and closing it ends it. Platform-admin membership is checked against configuration on every request, as for tokens.
/// </summary>
public static class DashboardAccess
{
    public const string Path = "/dashboard";

    /// <summary>The cookie's authentication scheme; the default scheme stays JWT bearer, so other routes ignore the cookie.</summary>
    public const string Scheme = "Dashboard";

    public const string CookieName = "skillsorleans-dashboard";

    /// <summary>The platform-admin policy, satisfied by a bearer token or by the dashboard cookie.</summary>
    public static readonly IAuthorizeData BearerOrCookie = new AuthorizeAttribute(PlatformAdmins.Policy)
    {
        AuthenticationSchemes = $"{JwtBearerDefaults.AuthenticationScheme},{Scheme}",
    };

    public static WebApplicationBuilder AddDashboardAccess(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = DashboardSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, DashboardSessionHandler>(Scheme, configureOptions: null);
        return builder;
    }
}
