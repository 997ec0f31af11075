using SkillsOrleans.Contracts.Credentials;

namespace SkillsOrleans.Grains.Accounts;

/// <summary>
/// Where each account's credential index is kept: a row per credential, so that a credential change writes its own
/// entry and not the account's whole index. PostgreSQL in every host (deploy/sql/0018_credential_index.sql).
/// </summary>
public interface ICredentialIndexStore
{
    /// <summary>Every entry of the account's index, in no particular order.</summary>
    Task<IReadOnlyList<CredentialSnapshot>> ReadAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores these snapshots of the account's credentials in one transaction. An entry already holding a later
    /// snapshot (a higher version, or the same version updated later) is left as it is.
    /// </summary>
    Task WriteAsync(string accountId, IReadOnlyList<CredentialSnapshot> snapshots, CancellationToken cancellationToken);
}
