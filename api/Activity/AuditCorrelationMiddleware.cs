using System.Diagnostics;
using SkillsOrleans.Grains.Audit;

namespace SkillsOrleans.Api.Activity;

/// <summary>
/// Hands each request's trace id to the grains it calls (Orleans request context), so the audit rows a request
/// causes carry the same id as its log lines and as the <c>traceId</c> of any problem details it answers with.
/// </summary>
public static class AuditCorrelationMiddleware
{
    public static IApplicationBuilder UseAuditCorrelation(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            RequestContext.Set(AuditCorrelation.RequestContextKey, System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier);
            return next(context);
        });
}
