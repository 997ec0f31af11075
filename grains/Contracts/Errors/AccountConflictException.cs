namespace SkillsOrleans.Contracts.Errors;

public enum AccountConflictKind
{
    /// <summary>The account exists already, with another owner than the one asked for.</summary>
    AlreadyExists = 1,

    /// <summary>The change would leave the account without an owner.</summary>
    LastOwner = 2,
}

/// <summary>A refused change to an account's membership or existence. The API answers 409 (ids only in the message).</summary>
[GenerateSerializer, Alias("skillsorleans.account-conflict")]
public sealed class AccountConflictException : Exception
{
    public AccountConflictException(string accountId, AccountConflictKind kind, string message)
        : base(message)
    {
        AccountId = accountId;
        Kind = kind;
    }

    [Id(0)] public string AccountId { get; }

    [Id(1)] public AccountConflictKind Kind { get; }
}
