namespace SkillsOrleans.Contracts.Credentials;

/// <summary>
/// An <c>Idempotency-Key</c> a client sends with a write so that repeating it after a lost answer is safe: 1–255
/// visible ASCII characters (a UUID fits). The credential's grain remembers the last keys it answered.
/// </summary>
public static class IdempotencyKeys
{
    public const int MaxLength = 255;

    public static bool IsValid(string? key) =>
        key is { Length: > 0 and <= MaxLength } && key.All(c => c is > ' ' and <= '~');
}
