using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.RuntimeHost.Secrets;

/// <summary>
/// Names one value in the host secret file: account, skill key and key name. The runtime is implicit (the file
/// belongs to one runtime host). <see cref="JsonPointer"/> is the id an OpenClaw file SecretRef uses to read it;
/// the grammars leave out '/' and '~', so no segment needs escaping.
/// </summary>
public readonly record struct HostSecretRef
{
    public HostSecretRef(string account, string skillKey, string keyName)
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

    public override string ToString() => $"{Account}/{SkillKey}/{KeyName}";
}
