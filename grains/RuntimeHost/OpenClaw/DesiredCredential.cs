using SkillsOrleans.RuntimeHost.Secrets;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// A credential that is active on this host and must reach the skill through openclaw.json. The skill's
/// <c>primaryEnv</c> key is referenced from the secret file (<c>apiKey</c> SecretRef, so no value is needed here);
/// any other key goes into <c>env</c> as plain text, because OpenClaw accepts only strings there, so
/// <see cref="EnvValue"/> is required exactly when <see cref="IsPrimaryEnv"/> is false. <see cref="ToString"/>
/// never shows the value.
/// </summary>
public sealed record DesiredCredential
{
    public DesiredCredential(string account, string skillKey, string keyName, bool isPrimaryEnv, string? envValue)
    {
        var secretRef = new HostSecretRef(account, skillKey, keyName);
        if (isPrimaryEnv && envValue is not null)
        {
            throw new ArgumentException($"{secretRef} is the skill's primary env and is read from the secret file; it takes no value here.", nameof(envValue));
        }

        if (!isPrimaryEnv)
        {
            var problem = SecretValueRules.Problem(envValue);
            if (problem is not null)
            {
                throw new ArgumentException($"The env value for {secretRef} {problem}.", nameof(envValue));
            }
        }

        Account = secretRef.Account;
        SkillKey = secretRef.SkillKey;
        KeyName = secretRef.KeyName;
        IsPrimaryEnv = isPrimaryEnv;
        EnvValue = envValue;
    }

    public string Account { get; }

    public string SkillKey { get; }

    public string KeyName { get; }

    public bool IsPrimaryEnv { get; }

    /// <summary>The plaintext value for <c>env</c>; null for the primary env.</summary>
    public string? EnvValue { get; }

    /// <summary>What the host secret file calls this value; the SecretRef id is its JSON pointer.</summary>
    public HostSecretRef SecretRef => new(Account, SkillKey, KeyName);

    public ManagedEntry Entry => new(SkillKey, KeyName, IsPrimaryEnv);

    /// <summary>The skill's primary env, referenced from the host secret file.</summary>
    public static DesiredCredential PrimaryEnv(string account, string skillKey, string keyName) =>
        new(account, skillKey, keyName, isPrimaryEnv: true, envValue: null);

    /// <summary>Any other key, written into the skill's <c>env</c>.</summary>
    public static DesiredCredential Env(string account, string skillKey, string keyName, string value) =>
        new(account, skillKey, keyName, isPrimaryEnv: false, envValue: value);

    public override string ToString() => $"{SecretRef} ({(IsPrimaryEnv ? "apiKey" : "env")})";
}
