using SkillsOrleans.Contracts.Audit;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Sealing;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Grains.Credentials;

/// <summary>The audit rows of one actor's attempts on a credential: who, which ref and version, how it ended.</summary>
public readonly record struct CredentialAudit(string Actor, string ActorKind)
{
    /// <summary>A person acting through the API; a malformed subject is refused before anything happens.</summary>
    public static CredentialAudit User(string subject) =>
        new(ResourceIds.RequireSubject(subject), AuditActorKinds.User);

    /// <summary>An agent on the runtime host; one that gave no usable id is named after its runtime.</summary>
    public static CredentialAudit Agent(string? agentId, string runtimeId) =>
        new(ResourceIds.IsSubject(agentId) ? agentId! : $"agent@{runtimeId}", AuditActorKinds.Agent);

    /// <summary>A runtime host's reconciler, bringing a credential in step with what the host stores.</summary>
    public static CredentialAudit Reconciler(string runtimeId) =>
        new($"reconciler@{runtimeId}", AuditActorKinds.System);

    public AuditRecord Accepted(string action, CredentialRef credentialRef, CredentialSnapshot credential) =>
        Accepted(action, credentialRef, credential.Version, credential.Fingerprint);

    public AuditRecord Accepted(string action, CredentialRef credentialRef, int version, string? fingerprint) =>
        Row(action, AuditOutcomes.Accepted, credentialRef) with { Version = version, Fingerprint = fingerprint };

    /// <summary>The rules said no: a stale version, an illegal transition, a malformed field.</summary>
    public AuditRecord Refused(string action, CredentialRef credentialRef, Exception refusal) =>
        Row(action, AuditOutcomes.Refused, credentialRef) with
        {
            Version = (refusal as CredentialConflictException)?.CurrentVersion,
            Reason = refusal.Message,
        };

    /// <summary>Nothing was changed, for the reason given (no exception: a decision of the rules themselves).</summary>
    public AuditRecord Refused(string action, CredentialRef credentialRef, int? version, string? fingerprint, string reason) =>
        Row(action, AuditOutcomes.Refused, credentialRef) with { Version = version, Fingerprint = fingerprint, Reason = reason };

    /// <summary>The host refused the envelope (rejected), or a step broke down (failed); nothing was changed.</summary>
    public AuditRecord Failed(string action, CredentialRef credentialRef, int version, Exception error) =>
        Row(action, error is SealedSecretRejectedException ? AuditOutcomes.Rejected : AuditOutcomes.Failed, credentialRef) with
        {
            Version = version,
            Reason = error is SealedSecretRejectedException or RuntimeOfflineException or DeliveryNotPreparedException
                ? error.Message
                : $"{error.GetType().Name} on the runtime host",
        };

    private AuditRecord Row(string action, string outcome, CredentialRef credentialRef) =>
        new(credentialRef.Account, Actor, ActorKind, action, outcome)
        {
            RuntimeId = credentialRef.Runtime,
            CredentialRef = credentialRef.ToString(),
        };
}
