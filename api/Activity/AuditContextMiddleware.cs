using SkillsOrleans.Api.Auth;
using SkillsOrleans.Contracts.Audit;

namespace SkillsOrleans.Api.Activity;

/// <summary>
/// Hands each request's trace id and authenticated caller to the grains it calls (Orleans request context), so the
/// audit rows a request causes name who made the change and carry the same id as its log lines and as the
/// <c>traceId</c> of any problem details it answers with. Runs after authentication: only a validated subject is passed.
/// </summary>
public static class AuditContextMiddleware
{
    public static IApplicationBuilder UseAuditContext(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            RequestContext.Set(AuditRequestContext.CorrelationIdKey, System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier);
            if (context.User.SubjectOf() is { } subject)
            {
                RequestContext.Set(AuditRequestContext.ActorKey, subject);
            }

            return next(context);
        });
}
