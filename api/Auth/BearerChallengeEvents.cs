using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;

namespace SkillsOrleans.Api.Auth;

/// <summary>
/// 401 and 403 as RFC 9457 problem details. A 401 carries <c>WWW-Authenticate: Bearer</c> (with
/// <c>error="invalid_token"</c> when a token was presented, RFC 6750 §3.1) and says nothing about which check
/// failed; the reason is in the log.
/// </summary>
public sealed class BearerChallengeEvents(IProblemDetailsService problems) : JwtBearerEvents
{
    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HandleResponse();
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized", "A valid bearer token is required.");
    }

    public override async Task Forbidden(ForbiddenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "The caller may not do this.");
    }

    private ValueTask<bool> WriteAsync(HttpContext http, int status, string title, string detail) =>
        problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
}
