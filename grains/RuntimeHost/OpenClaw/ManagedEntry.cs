using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// One key this host wrote into openclaw.json: <c>skills.entries.&lt;SkillKey&gt;.apiKey</c> when
/// <see cref="IsPrimaryEnv"/>, else <c>skills.entries.&lt;SkillKey&gt;.env.&lt;KeyName&gt;</c>. Kept by the caller
/// between merges (no values) so that a key no longer wanted can be removed.
/// </summary>
public sealed record ManagedEntry
{
    public ManagedEntry(string skillKey, string keyName, bool isPrimaryEnv)
    {
        SkillKey = ResourceIds.IsSkillKey(skillKey)
            ? skillKey
            : throw new ArgumentException($"'{ResourceIds.Printable(skillKey)}' is not a valid skill key.", nameof(skillKey));
        KeyName = ResourceIds.IsKeyName(keyName)
            ? keyName
            : throw new ArgumentException($"'{ResourceIds.Printable(keyName)}' is not a valid key name.", nameof(keyName));
        IsPrimaryEnv = isPrimaryEnv;
    }

    public string SkillKey { get; }

    public string KeyName { get; }

    public bool IsPrimaryEnv { get; }

    public override string ToString() =>
        IsPrimaryEnv ? $"skills.entries.{SkillKey}.apiKey ({KeyName})" : $"skills.entries.{SkillKey}.env.{KeyName}";
}
