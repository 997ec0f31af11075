using SkillsOrleans.Contracts.Audit;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Grains.Audit;

/// <summary>
/// Who is behind an account change, for its audit row. The API puts the caller's JWT subject in the Orleans request
/// context after authenticating it; changes made with no caller (the seeder, a runtime host registering itself) are
/// the control plane's own.
/// </summary>
public readonly record struct AuditActor(string Name, string Kind)
{
    public static AuditActor System { get; } = new("skillsorleans", AuditActorKinds.System);

    public static AuditActor Current =>
        RequestContext.Get(AuditRequestContext.ActorKey) is string subject && ResourceIds.IsSubject(subject)
            ? new AuditActor(subject, AuditActorKinds.User)
            : System;
}
