using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Keys = System.Collections.Immutable.ImmutableSortedDictionary<string, string>;
using SkillSecrets = System.Collections.Immutable.ImmutableSortedDictionary<string, System.Collections.Immutable.ImmutableSortedDictionary<string, string>>;

namespace SkillsOrleans.RuntimeHost.Secrets;

/// <summary>
/// The content of the secret file, account → skill key → key name → value, immutable so readers can use a
/// snapshot while a write builds the next one. Ordinal sorting gives the file a stable order. Empty skills and
/// accounts never exist here: removing the last key removes its parents.
/// </summary>
internal sealed class SecretDocument
{
    public static readonly SecretDocument Empty = new(ImmutableSortedDictionary.Create<string, SkillSecrets>(StringComparer.Ordinal));

    private SecretDocument(ImmutableSortedDictionary<string, SkillSecrets> accounts)
    {
        Accounts = accounts;
        Count = accounts.Values.Sum(skills => skills.Values.Sum(keys => keys.Count));
    }

    public ImmutableSortedDictionary<string, SkillSecrets> Accounts { get; }

    public int Count { get; }

    public static Keys EmptyKeys { get; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    public static SkillSecrets EmptySkills { get; } = ImmutableSortedDictionary.Create<string, Keys>(StringComparer.Ordinal);

    /// <summary>Builds a document from parsed content, dropping empty skills and accounts.</summary>
    public static SecretDocument From(ImmutableSortedDictionary<string, SkillSecrets> accounts) =>
        new(accounts
            .Select(account => KeyValuePair.Create(account.Key, account.Value.RemoveRange(account.Value.Where(skill => skill.Value.IsEmpty).Select(skill => skill.Key))))
            .Where(account => !account.Value.IsEmpty)
            .ToImmutableSortedDictionary(StringComparer.Ordinal));

    public bool TryGet(StoredKeyAddress address, [NotNullWhen(true)] out string? value)
    {
        value = null;
        return Accounts.TryGetValue(address.Account, out var skills)
            && skills.TryGetValue(address.SkillKey, out var keys)
            && keys.TryGetValue(address.KeyName, out value);
    }

    public SecretDocument With(StoredKeyAddress address, string value)
    {
        var skills = Accounts.GetValueOrDefault(address.Account) ?? EmptySkills;
        var keys = skills.GetValueOrDefault(address.SkillKey) ?? EmptyKeys;
        return new SecretDocument(Accounts.SetItem(address.Account, skills.SetItem(address.SkillKey, keys.SetItem(address.KeyName, value))));
    }

    /// <summary>The document without the value; the same instance when there was nothing to remove.</summary>
    public SecretDocument Without(StoredKeyAddress address)
    {
        if (!Accounts.TryGetValue(address.Account, out var skills)
            || !skills.TryGetValue(address.SkillKey, out var keys)
            || !keys.ContainsKey(address.KeyName))
        {
            return this;
        }

        var remainingKeys = keys.Remove(address.KeyName);
        var remainingSkills = remainingKeys.IsEmpty ? skills.Remove(address.SkillKey) : skills.SetItem(address.SkillKey, remainingKeys);
        return new SecretDocument(remainingSkills.IsEmpty ? Accounts.Remove(address.Account) : Accounts.SetItem(address.Account, remainingSkills));
    }

    public IReadOnlyList<StoredKeyAddress> Addresses() =>
        [.. from account in Accounts
            from skill in account.Value
            from key in skill.Value
            select new StoredKeyAddress(account.Key, skill.Key, key.Key)];

    /// <summary>Counts only: this type holds secret values.</summary>
    public override string ToString() => $"{Count} secret value(s)";
}
