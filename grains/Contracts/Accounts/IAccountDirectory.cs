using SkillsOrleans.Model;

namespace SkillsOrleans.Contracts.Accounts;

/// <summary>
/// Every account of the platform, one row each, for platform administrators' account list. Each AccountGrain keeps its
/// own row current (after every change of its state, and once per activation); the platform reads it in pages, so a
/// list of 100,000 accounts neither activates nor calls 100,000 grains. Counts and settings only: no member ids.
/// PostgreSQL in every host (deploy/sql/0012_account_directory.sql).
/// </summary>
public interface IAccountDirectory
{
    /// <summary>Stores the account's row; writes nothing when the stored row already says the same.</summary>
    Task RecordAsync(AccountSummary summary, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> accounts ordered by id, after <paramref name="afterAccountId"/> when given.</summary>
    Task<AccountSummaryPage> ReadPageAsync(string? afterAccountId, int limit, CancellationToken cancellationToken);

    /// <summary>How many accounts there are, how many keys wait for an admin across all of them, and since when the oldest has.</summary>
    Task<AccountTally> TallyAsync(CancellationToken cancellationToken);
}

/// <summary>
/// An account in the platform's list: its settings, how many members and bound runtimes it has, how many of its
/// keys wait for an admin (requested by an agent, not given a value yet), and when the longest-waiting one was asked for.
/// </summary>
public sealed record AccountSummary(
    string AccountId, string DisplayName, DateTimeOffset CreatedAt, bool SkillsPocEnabled, int Members, int Runtimes, int KeysWaiting,
    DateTimeOffset? OldestKeyWaitingSince = null)
{
    public static AccountSummary Of(AccountSnapshot account, int keysWaiting, DateTimeOffset? oldestKeyWaitingSince = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        // A summary read back from the directory equals the one written.
        return new AccountSummary(
            account.AccountId, account.DisplayName, account.CreatedAt.ToMicroseconds(), account.SkillsPocEnabled,
            account.Members.Count, account.Runtimes.Count, keysWaiting, oldestKeyWaitingSince?.ToMicroseconds());
    }
}

/// <summary>The whole account directory in a few figures; <see cref="OldestKeyWaitingSince"/> is null when no key waits.</summary>
public sealed record AccountTally(int Accounts, int KeysWaiting, DateTimeOffset? OldestKeyWaitingSince = null);

/// <summary>One page of the account list; <see cref="NextAfter"/> is the id to continue after, null on the last page.</summary>
public sealed record AccountSummaryPage(IReadOnlyList<AccountSummary> Accounts, string? NextAfter);
