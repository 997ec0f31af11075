using System.Text.Json;
using SkillsOrleans.Contracts.Audit;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Grains.Webhooks;

/// <summary>
/// Which audit rows an account's webhook sends and the body it sends for one: a key request that arrived (accepted or
/// set aside) and every change of a key's state. Names, versions, actors and reasons only: no value (the trail holds
/// none) and not even the value's fingerprint.
/// </summary>
public static class WebhookEvent
{
    private static readonly HashSet<string> KeyChanges = new(StringComparer.Ordinal)
    {
        AuditActions.CredentialRequested, AuditActions.CredentialSubmitted, AuditActions.CredentialRotated,
        AuditActions.CredentialRevoked, AuditActions.CredentialDeclined, AuditActions.CredentialReconciled,
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static bool IsSent(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Record.Action == AuditActions.CredentialRequestRejected
            || (KeyChanges.Contains(entry.Record.Action) && entry.Record.Outcome == AuditOutcomes.Accepted);
    }

    public static string Body(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var record = entry.Record;
        CredentialRef? credential = CredentialRef.TryParse(record.CredentialRef, out var parsed) ? parsed : null;
        return JsonSerializer.Serialize(new
        {
            id = Id(entry),
            type = record.Action,
            occurredAt = entry.OccurredAt,
            account = record.AccountId,
            runtime = record.RuntimeId,
            credentialRef = record.CredentialRef,
            skill = credential?.SkillKey,
            key = credential?.KeyName,
            version = record.Version,
            outcome = record.Outcome,
            actor = record.Actor,
            actorKind = record.ActorKind,
            reason = record.Reason,
        }, Json);
    }

    /// <summary>The <c>webhook-id</c>: the audit row's id, the same on every attempt, so a receiver can drop repeats.</summary>
    public static string Id(AuditEntry entry) => $"audit-{entry?.Id}";
}
