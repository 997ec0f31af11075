namespace SkillsOrleans.Sealing;

/// <summary>
/// The fixed parameters of sealed-secret format 1 (ECDH P-256, HKDF-SHA256, AES-256-GCM). A browser sealing with
/// WebCrypto uses the same numbers and label; docs/runtime/sealed-delivery.md states them for that page.
/// </summary>
public static class SealedSecretFormat
{
    public const int Current = 1;

    /// <summary>HKDF "info": binds the derived key to this format, so it can never serve another purpose.</summary>
    public const string KeyDerivationLabel = "skillsorleans/sealed-secret/v1";

    /// <summary>Uncompressed P-256 point (0x04 || X || Y), WebCrypto's "raw" export.</summary>
    public const int EphemeralPublicKeyBytes = 65;

    public const int NonceBytes = 16;

    public const int IvBytes = 12;

    public const int TagBytes = 16;

    public const int KeyBytes = 32;

    /// <summary>Measured in UTF-8 bytes: API keys are short, and a bound keeps envelopes small in grain messages.</summary>
    public const int MaxPlaintextBytes = 16 * 1024;

    /// <summary>
    /// How far ahead an envelope may expire. A short window bounds how long the host must remember nonces and how
    /// long a captured envelope stays useful.
    /// </summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(15);

    /// <summary>The <c>kid</c> prefix: the fingerprint is SHA-256 over the recipient's SPKI DER.</summary>
    public const string KeyIdPrefix = "sha256:";
}
