using SkillsOrleans.RuntimeHost.Secrets;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// A credential that is active on this host and must reach the skill through openclaw.json: the key to manage
/// (<see cref="Entry"/>) and, for a key other than the primary env, its value. The skill's <c>primaryEnv</c> key is
/// referenced from the secret file (<c>apiKey</c> SecretRef, so no value is needed here); any other key goes into
/// <c>env</c> as plain text, because OpenClaw accepts only strings there, so <see cref="EnvValue"/> is required
/// exactly when <see cref="IsPrimaryEnv"/> is false. <see cref="ToString"/> never shows the value.
/// </summary>
public sealed record DesiredCredential
{
    public DesiredCredential(ManagedEntry entry, string? envValue)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.IsPrimaryEnv && envValue is not null)
        {
            throw new ArgumentException($"{entry.Address} is the skill's primary env and is read from the secret file; it takes no value here.", nameof(envValue));
        }

        if (!entry.IsPrimaryEnv)
        {
            var problem = SecretValueRules.Problem(envValue);
            if (problem is not null)
            {
                throw new ArgumentException($"The env value for {entry.Address} {problem}.", nameof(envValue));
            }
        }

        Entry = entry;
        EnvValue = envValue;
    }

    /// <summary>The key this host manages for the credential (no value).</summary>
    public ManagedEntry Entry { get; }

    /// <summary>What the host secret file calls this value; the SecretRef id is its JSON pointer.</summary>
    public StoredKeyAddress Address => Entry.Address;

    public bool IsPrimaryEnv => Entry.IsPrimaryEnv;

    /// <summary>The plaintext value for <c>env</c>; null for the primary env.</summary>
    public string? EnvValue { get; }

    /// <summary>The skill's primary env, referenced from the host secret file.</summary>
    public static DesiredCredential PrimaryEnv(StoredKeyAddress address) => new(new ManagedEntry(address, IsPrimaryEnv: true), envValue: null);

    /// <summary>Any other key, written into the skill's <c>env</c>.</summary>
    public static DesiredCredential Env(StoredKeyAddress address, string value) => new(new ManagedEntry(address, IsPrimaryEnv: false), value);

    public override string ToString() => $"{Address} ({(IsPrimaryEnv ? "apiKey" : "env")})";
}
