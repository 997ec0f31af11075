using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.RuntimeHost.Secrets;

/// <summary>
/// Where one stored key lives on this host: account, skill key and key name. One address names the value in the
/// host secret file (<see cref="JsonPointer"/> is the id an OpenClaw file SecretRef reads it by), the key this host
/// manages in <c>openclaw.json</c>, and what <see cref="HostCredentials"/> stores and withdraws.
/// <para>
/// It belongs to the runtime host rather than the Model: only this host's files are addressed this way, with the
/// runtime left implicit because the files belong to one runtime. The cluster names the same key by its
/// <see cref="CredentialRef"/>, which adds the runtime; <see cref="Of"/> drops it.
/// </para>
/// The grammars leave out '/' and '~', so no segment of the pointer needs escaping.
/// </summary>
public readonly record struct StoredKeyAddress
{
    public StoredKeyAddress(string account, string skillKey, string keyName)
    {
        Account = ResourceIds.RequireAccountId(account);
        SkillKey = ResourceIds.IsSkillKey(skillKey)
            ? skillKey
            : throw new ArgumentException($"'{ResourceIds.Printable(skillKey)}' is not a valid skill key.", nameof(skillKey));
        KeyName = ResourceIds.IsKeyName(keyName)
            ? keyName
            : throw new ArgumentException($"'{ResourceIds.Printable(keyName)}' is not a valid key name.", nameof(keyName));
    }

    public string Account { get; }

    public string SkillKey { get; }

    public string KeyName { get; }

    public string JsonPointer => $"/{Account}/{SkillKey}/{KeyName}";

    /// <summary>Where this host keeps the value of a credential of its runtime.</summary>
    public static StoredKeyAddress Of(CredentialRef credentialRef) =>
        new(credentialRef.Account, credentialRef.SkillKey, credentialRef.KeyName);

    public override string ToString() => $"{Account}/{SkillKey}/{KeyName}";
}
