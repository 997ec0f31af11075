using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Skills;

namespace SkillsOrleans.Grains.Accounts;

/// <summary>Persisted form of an account. The credential index mirrors each CredentialGrain's last acknowledged snapshot.</summary>
[GenerateSerializer, Alias("skillsorleans.account-state")]
public sealed class AccountState
{
    [Id(0)] public bool Exists { get; set; }

    [Id(1)] public string DisplayName { get; set; } = "";

    [Id(2)] public DateTimeOffset CreatedAt { get; set; }

    [Id(3)] public bool SkillsPocEnabled { get; set; }

    [Id(4)] public Dictionary<string, MemberRole> Members { get; set; } = new(StringComparer.Ordinal);

    [Id(5)] public Dictionary<string, RuntimeBinding> Runtimes { get; set; } = new(StringComparer.Ordinal);

    [Id(6)] public Dictionary<string, CredentialSnapshot> Credentials { get; set; } = new(StringComparer.Ordinal);

    [Id(7)] public Dictionary<string, SkillCatalog> SkillCatalogs { get; set; } = new(StringComparer.Ordinal);
}
