using Microsoft.Extensions.Logging;
using SkillsOrleans.Contracts.Audit;
using SkillsOrleans.Contracts.Events;
using SkillsOrleans.Grains.Events;
using SkillsOrleans.Grains.Telemetry;

namespace SkillsOrleans.Grains.Audit;

/// <summary>
/// How grains write the audit trail. A change is recorded before it is made and is refused when its row cannot be
/// written (<see cref="RecordChangeAsync"/>); an attempt that changed nothing is recorded as well as it can be
/// (<see cref="RecordAttemptAsync"/>), since the caller reports that attempt's own error either way. Every stored
/// row is announced on the account's live stream.
/// </summary>
public sealed partial class AuditRecorder(IAuditTrail trail, AccountEventPublisher events, TimeProvider clock, ILogger logger)
{
    /// <exception cref="AuditWriteException">The row was not stored: the change must not be made.</exception>
    public async Task RecordChangeAsync(AuditRecord record)
    {
        var entry = await trail.AppendAsync(Correlated(record), CancellationToken.None);
        if (record.CredentialRef is not null && record.Action is not AuditActions.CredentialRequested and not AuditActions.CredentialRequestRejected)
        {
            // Submissions, rotations and revocations by outcome, counted as the trail records them.
            SkillsOrleansTelemetry.CredentialOperations.Add(
                1, new KeyValuePair<string, object?>("action", record.Action), new KeyValuePair<string, object?>("outcome", record.Outcome));
        }

        await AnnounceAsync(entry);
    }

    public async Task RecordAttemptAsync(AuditRecord record)
    {
        try
        {
            await RecordChangeAsync(record);
        }
        catch (Exception error) when (error is AuditWriteException or ArgumentException)
        {
            LogAttemptNotRecorded(logger, record.Action, record.Outcome, record.AccountId, record.CredentialRef);
        }
    }

    private Task AnnounceAsync(AuditEntry entry) =>
        events.PublishAsync(new AccountEvent(entry.Record.AccountId, AccountEventKind.Activity, clock.GetUtcNow()) { Activity = entry });

    private static AuditRecord Correlated(AuditRecord record) =>
        record.CorrelationId is null && AuditCorrelation.Current is { } id ? record with { CorrelationId = id } : record;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit {Action} ({Outcome}) on account {AccountId} for {CredentialRef} was not recorded; the attempt changed nothing")]
    private static partial void LogAttemptNotRecorded(ILogger logger, string action, string outcome, string accountId, string? credentialRef);
}
