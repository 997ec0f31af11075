using System.Diagnostics.CodeAnalysis;

namespace SkillsOrleans.Model.Identifiers;

/// <summary>
/// Names one key of one skill on one runtime of one account: <c>{account}/{runtime}/{skillKey}/{KEY_NAME}</c>.
/// It is also the CredentialGrain's key, so the account a credential belongs to can never be ambiguous.
/// </summary>
public readonly record struct CredentialRef
{
    public CredentialRef(string account, string runtime, string skillKey, string keyName)
    {
        if (!ResourceIds.IsAccountId(account)
            || !ResourceIds.IsRuntimeId(runtime)
            || !ResourceIds.IsSkillKey(skillKey)
            || !ResourceIds.IsKeyName(keyName))
        {
            throw new ArgumentException(
                $"'{ResourceIds.Printable($"{account}/{runtime}/{skillKey}/{keyName}")}' is not a valid credential ref.");
        }

        Account = account;
        Runtime = runtime;
        SkillKey = skillKey;
        KeyName = keyName;
    }

    public string Account { get; }

    public string Runtime { get; }

    public string SkillKey { get; }

    public string KeyName { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out CredentialRef? credentialRef)
    {
        credentialRef = null;
        var parts = text?.Split('/');
        if (parts is not { Length: 4 }
            || !ResourceIds.IsAccountId(parts[0])
            || !ResourceIds.IsRuntimeId(parts[1])
            || !ResourceIds.IsSkillKey(parts[2])
            || !ResourceIds.IsKeyName(parts[3]))
        {
            return false;
        }

        credentialRef = new CredentialRef(parts[0], parts[1], parts[2], parts[3]);
        return true;
    }

    public static CredentialRef Parse(string? text) =>
        TryParse(text, out var parsed)
            ? parsed.Value
            : throw new FormatException($"'{ResourceIds.Printable(text)}' is not a credential ref of the form account/runtime/skillKey/KEY_NAME.");

    public override string ToString() => $"{Account}/{Runtime}/{SkillKey}/{KeyName}";
}
