using System.Security.Cryptography;

namespace SkillsOrleans.Sealing;

/// <summary>The <c>kid</c> of a host's sealing key: <c>sha256:</c> + base64url(SHA-256(SPKI DER)).</summary>
public static class SealingKeyFingerprint
{
    /// <summary>Length of a well-formed kid: the prefix and 43 base64url characters of a 32-byte digest.</summary>
    public const int Length = 7 + 43;

    public static string Of(ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        SealedSecretFormat.KeyIdPrefix + Base64UrlCanonical.Encode(SHA256.HashData(subjectPublicKeyInfo));

    public static bool IsWellFormed(string? kid) =>
        kid is { Length: Length }
        && kid.StartsWith(SealedSecretFormat.KeyIdPrefix, StringComparison.Ordinal)
        && Base64UrlCanonical.TryDecode(kid[SealedSecretFormat.KeyIdPrefix.Length..], out var digest)
        && digest.Length == SHA256.HashSizeInBytes;
}
