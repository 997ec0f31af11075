namespace SkillsOrleans.Contracts.Audit;

/// <summary>
/// An audit row could not be written (store unreachable, timed out, or refused the row). The change it was meant to
/// record must be refused: nothing is changed without its record. Names the account and action only.
/// </summary>
[GenerateSerializer, Alias("skillsorleans.audit-write-failed")]
public sealed class AuditWriteException : Exception
{
    public AuditWriteException(string accountId, string action, string problem)
        : base($"The audit record of '{action}' on account '{accountId}' could not be written ({problem}); the change is refused.")
    {
        AccountId = accountId;
        Action = action;
    }

    [Id(0)] public string AccountId { get; }

    [Id(1)] public string Action { get; }
}
