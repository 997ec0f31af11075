using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Skills;

namespace SkillsOrleans.Grains.Accounts;

/// <summary>Persisted form of an account: who may do what, its settings and the runtimes bound to it.</summary>
[GenerateSerializer, Alias("skillsorleans.account-state")]
public sealed class AccountState
{
    [Id(0)] public bool Exists { get; set; }

    [Id(1)] public string DisplayName { get; set; } = "";

    [Id(2)] public DateTimeOffset CreatedAt { get; set; }

    [Id(3)] public bool SkillsPocEnabled { get; set; }

    [Id(4)] public Dictionary<string, MemberRole> Members { get; set; } = new(StringComparer.Ordinal);

    [Id(5)] public Dictionary<string, RuntimeBinding> Runtimes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Only read from rows written before the index had its own place; moved to the credential index rows.</summary>
    [Id(6)] public Dictionary<string, CredentialSnapshot> Credentials { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Only read from rows written before catalogs had their own grain; handed to them on activation.</summary>
    [Id(7)] public Dictionary<string, SkillCatalog> SkillCatalogs { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// The account's credential index as earlier versions stored it: one state row, rewritten whole on every credential
/// change. Only read now, to move its entries to the index rows (<see cref="ICredentialIndexStore"/>) and clear it.
/// </summary>
[GenerateSerializer, Alias("skillsorleans.credential-index-state")]
public sealed class CredentialIndexState
{
    [Id(0)] public Dictionary<string, CredentialSnapshot> Credentials { get; set; } = new(StringComparer.Ordinal);
}
