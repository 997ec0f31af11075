using SkillsOrleans.Contracts.Audit;

namespace SkillsOrleans.Api.Activity;

/// <summary>One audit row as the API shows it: who did what to which credential, when, and how it ended.</summary>
public sealed record ActivityEntryView(
    long Id,
    DateTimeOffset OccurredAt,
    string Actor,
    string ActorKind,
    string Action,
    string Outcome,
    string? RuntimeId,
    string? CredentialRef,
    int? Version,
    string? Fingerprint,
    string? Reason,
    string? CorrelationId)
{
    public static ActivityEntryView From(AuditEntry entry) => new(
        entry.Id,
        entry.OccurredAt,
        entry.Record.Actor,
        entry.Record.ActorKind,
        entry.Record.Action,
        entry.Record.Outcome,
        entry.Record.RuntimeId,
        entry.Record.CredentialRef,
        entry.Record.Version,
        entry.Record.Fingerprint,
        entry.Record.Reason,
        entry.Record.CorrelationId);
}

/// <summary>A page of activity, newest first; pass <see cref="Next"/> back as <c>before</c> for the next page.</summary>
public sealed record ActivityPageView(IReadOnlyList<ActivityEntryView> Entries, string? Next);
