using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace SkillsOrleans.Api.Dashboard;

/// <summary>
/// The dashboard cookie never redirects to a login page (there is none): a refusal is the status code alone. When the
/// bearer scheme, challenged first, has already written its problem details, the cookie scheme leaves them be.
/// </summary>
public sealed class DashboardCookieEvents : CookieAuthenticationEvents
{
    public DashboardCookieEvents()
    {
        OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
        OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
    }

    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = status;
        }

        return Task.CompletedTask;
    }
}
