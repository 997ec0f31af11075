using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SkillsOrleans.Api.Auth;
using SkillsOrleans.Contracts.Dashboard;

namespace SkillsOrleans.Api.Dashboard;

/// <summary>
/// The <see cref="DashboardAccess.Scheme"/> scheme: the session cookie names a session grain, which answers its
/// subject while the session lasts. Any API instance can check any session, and closing it ends it everywhere. A
/// refusal is the status code alone (there is no login page to redirect to), and problem details the bearer scheme
/// already wrote are left as they are.
/// </summary>
public sealed class DashboardSessionHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IClusterClient cluster)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(DashboardAccess.CookieName, out var value))
        {
            return AuthenticateResult.NoResult();
        }

        var subject = DashboardSessionCookie.GrainKeyOf(value) is { } key
            ? await cluster.GetGrain<IDashboardSessionGrain>(key).GetSubjectAsync()
            : null;
        if (subject is null)
        {
            return AuthenticateResult.Fail("The dashboard session has ended or never existed.");
        }

        var identity = new ClaimsIdentity([new Claim(UserClaims.Subject, subject)], Scheme.Name, UserClaims.Subject, roleType: null);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => Refuse(StatusCodes.Status401Unauthorized);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Refuse(StatusCodes.Status403Forbidden);

    private Task Refuse(int status)
    {
        if (!Response.HasStarted)
        {
            Response.StatusCode = status;
        }

        return Task.CompletedTask;
    }
}
