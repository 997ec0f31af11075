namespace SkillsOrleans.Api.Credentials;

/// <summary>What a pasted key may look like: bounded, no NUL or control characters except PEM-style line breaks.</summary>
public static class SecretText
{
    public static string? Problem(string? secret) => secret switch
    {
        null or "" => "secret is empty",
        { Length: > CredentialValue.MaxSecretLength } => $"secret is longer than {CredentialValue.MaxSecretLength} characters",
        _ when secret.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) => "secret contains control characters",
        _ when secret.Trim().Length == 0 => "secret is only whitespace",
        _ => null,
    };
}
