namespace SkillsOrleans.Contracts.Audit;

/// <summary>
/// What an audit row records. The schema (deploy/sql/0005_audit_trail.sql) checks the same set; a test keeps the two
/// equal, so adding an action means adding it here and in a new schema script.
/// </summary>
public static class AuditActions
{
    public const string CredentialRequested = "credential.requested";
    public const string CredentialSubmitted = "credential.submitted";
    public const string CredentialRotated = "credential.rotated";
    public const string CredentialRevoked = "credential.revoked";
    public const string CredentialRequestRejected = "credential.request_rejected";

    /// <summary>An admin turned a pending request down; the reason is the admin's, and the agent reads it back on its host.</summary>
    public const string CredentialDeclined = "credential.declined";

    /// <summary>A runtime host's reconciler found the credential and the host's secret file apart and acted (docs/reconciliation.md).</summary>
    public const string CredentialReconciled = "credential.reconciled";
    public const string MemberSet = "member.set";
    public const string MemberRemoved = "member.removed";
    public const string AccountCreated = "account.created";
    public const string RuntimeBound = "runtime.bound";
    public const string RuntimeUnbound = "runtime.unbound";
    public const string AccountSettingsChanged = "account.settings_changed";

    /// <summary>A silo claimed this account's runtime without proof, or several proved it: placement refused them.</summary>
    public const string RuntimeIdentityRefused = "runtime.identity_refused";

    /// <summary>A runtime's scan found a skill folder its account's catalog did not list (docs/runtime/workspace-sync.md).</summary>
    public const string SkillInstalled = "skill.installed";

    /// <summary>A skill folder the account's catalog listed is gone from the runtime's workspace.</summary>
    public const string SkillRemoved = "skill.removed";

    public static IReadOnlyList<string> All { get; } =
    [
        CredentialRequested, CredentialSubmitted, CredentialRotated, CredentialRevoked, CredentialRequestRejected,
        MemberSet, MemberRemoved, AccountCreated, RuntimeBound, AccountSettingsChanged, RuntimeUnbound, CredentialReconciled,
        RuntimeIdentityRefused, SkillInstalled, SkillRemoved, CredentialDeclined,
    ];

    public static bool IsKnown(string? action) => action is not null && All.Contains(action, StringComparer.Ordinal);
}
