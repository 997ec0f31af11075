using SkillsOrleans.Contracts.Audit;

namespace SkillsOrleans.Grains.Audit;

/// <summary>
/// The id that ties an audit row to the request that caused it. The API puts its request's trace id in the Orleans
/// request context; it flows with the calls into the grains that write the rows.
/// </summary>
public static class AuditCorrelation
{
    /// <summary>The caller's correlation id, or null when there is none or it is not one we may store.</summary>
    public static string? Current =>
        RequestContext.Get(AuditRequestContext.CorrelationIdKey) is string id && AuditRecordRules.IsCorrelationId(id) ? id : null;
}
