using SkillsOrleans.RuntimeHost.Secrets;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// One key this host wrote into openclaw.json for the stored key at <see cref="Address"/>:
/// <c>skills.entries.&lt;SkillKey&gt;.apiKey</c> when <see cref="IsPrimaryEnv"/>, else
/// <c>skills.entries.&lt;SkillKey&gt;.env.&lt;KeyName&gt;</c>. Kept by the caller between merges (no values) so that a
/// key no longer wanted can be removed.
/// </summary>
public sealed record ManagedEntry(StoredKeyAddress Address, bool IsPrimaryEnv)
{
    public override string ToString() =>
        IsPrimaryEnv ? $"skills.entries.{Address.SkillKey}.apiKey ({Address.KeyName})" : $"skills.entries.{Address.SkillKey}.env.{Address.KeyName}";
}
