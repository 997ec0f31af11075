namespace SkillsOrleans.Contracts.Audit;

/// <summary>
/// The Orleans request-context keys through which a caller (the API) tells the grains who acts and which request a
/// change belongs to, for the audit rows the change causes. The grains read them; only validated values are used.
/// </summary>
public static class AuditRequestContext
{
    /// <summary>The authenticated caller's JWT subject.</summary>
    public const string ActorKey = "skillsorleans.actor";

    /// <summary>The id of the request (its trace id) that the audit rows carry as their correlation id.</summary>
    public const string CorrelationIdKey = "skillsorleans.correlation-id";
}
