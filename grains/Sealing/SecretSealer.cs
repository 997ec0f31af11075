using System.Security.Cryptography;
using System.Text;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Sealing;

/// <summary>
/// Seals a secret to one runtime host (ECDH P-256 with a fresh ephemeral key, HKDF-SHA256, AES-256-GCM), the same
/// construction a browser performs with WebCrypto. The API uses it for programmatic clients, so the value is
/// ciphertext from the moment it leaves the request.
/// </summary>
public static class SecretSealer
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="recipientPublicKey">The host's public key, SPKI DER (P-256).</param>
    /// <param name="kid">The host key's fingerprint; must be the fingerprint of <paramref name="recipientPublicKey"/>.</param>
    /// <param name="runtimeId">The runtime the host serves; must be the runtime named in <paramref name="credentialRef"/>.</param>
    /// <param name="credentialRef">The credential this delivery fills, <c>{account}/{runtime}/{skillKey}/{KEY_NAME}</c>.</param>
    /// <param name="version">The credential version this delivery will create (at least 1).</param>
    /// <param name="expiresAt">Unix seconds after which the host refuses the envelope.</param>
    /// <param name="plaintext">The secret: non-empty, at most <see cref="SealedSecretFormat.MaxPlaintextBytes"/> UTF-8 bytes.</param>
    public static SealedSecretEnvelope Seal(
        ReadOnlySpan<byte> recipientPublicKey,
        string kid,
        string runtimeId,
        string credentialRef,
        int version,
        long expiresAt,
        string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        if (!string.Equals(kid, SealingKeyFingerprint.Of(recipientPublicKey), StringComparison.Ordinal))
        {
            throw new ArgumentException("The kid is not the fingerprint of the recipient's public key.", nameof(kid));
        }

        ResourceIds.RequireRuntimeId(runtimeId);
        if (!CredentialRef.TryParse(credentialRef, out var parsedRef))
        {
            throw new ArgumentException($"'{ResourceIds.Printable(credentialRef)}' is not a credential ref.", nameof(credentialRef));
        }

        if (!string.Equals(parsedRef.Value.Runtime, runtimeId, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Credential '{credentialRef}' belongs to runtime '{parsedRef.Value.Runtime}', not '{runtimeId}'.", nameof(credentialRef));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(expiresAt, 1);

        using var recipient = ImportRecipient(recipientPublicKey);
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var point = ephemeral.ExportParameters(includePrivateParameters: false).Q;
        var nonce = RandomNumberGenerator.GetBytes(SealedSecretFormat.NonceBytes);
        var envelopeHeader = new SealedSecretEnvelope(
            SealedSecretFormat.Current,
            kid,
            Base64UrlCanonical.Encode([0x04, .. point.X!, .. point.Y!]),
            runtimeId,
            credentialRef,
            version,
            expiresAt,
            Base64UrlCanonical.Encode(nonce),
            Iv: "",
            Ciphertext: "");

        var plaintextBytes = EncodePlaintext(plaintext);
        byte[]? key = null;
        try
        {
            using var recipientPublic = recipient.PublicKey;
            var shared = ephemeral.DeriveRawSecretAgreement(recipientPublic);
            key = SealedSecretKeyDerivation.DeriveKey(shared, nonce);
            CryptographicOperations.ZeroMemory(shared);

            var iv = RandomNumberGenerator.GetBytes(SealedSecretFormat.IvBytes);
            var sealedBytes = new byte[plaintextBytes.Length + SealedSecretFormat.TagBytes];
            using var aes = new AesGcm(key, SealedSecretFormat.TagBytes);
            aes.Encrypt(
                iv,
                plaintextBytes,
                sealedBytes.AsSpan(0, plaintextBytes.Length),
                sealedBytes.AsSpan(plaintextBytes.Length),
                SealedSecretAad.For(envelopeHeader));
            return envelopeHeader with { Iv = Base64UrlCanonical.Encode(iv), Ciphertext = Base64UrlCanonical.Encode(sealedBytes) };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintextBytes);
            if (key is not null)
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }
    }

    private static ECDiffieHellman ImportRecipient(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        var recipient = ECDiffieHellman.Create();
        bool isP256Key;
        try
        {
            recipient.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out var read);
            isP256Key = read == subjectPublicKeyInfo.Length && SealingCurve.IsP256(recipient);
        }
        catch (CryptographicException)
        {
            isP256Key = false;
        }

        if (!isP256Key)
        {
            recipient.Dispose();
            throw new ArgumentException(
                "The recipient key is not a P-256 public key in SPKI DER form.", nameof(subjectPublicKeyInfo));
        }

        return recipient;
    }

    private static byte[] EncodePlaintext(string plaintext)
    {
        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(plaintext);
        }
        catch (EncoderFallbackException)
        {
            // The fallback message quotes the offending characters; keep them out of the exception.
            throw new ArgumentException("The secret is not valid Unicode text.", nameof(plaintext));
        }

        if (bytes.Length is 0 or > SealedSecretFormat.MaxPlaintextBytes)
        {
            CryptographicOperations.ZeroMemory(bytes);
            throw new ArgumentException(
                $"The secret must be 1 to {SealedSecretFormat.MaxPlaintextBytes} UTF-8 bytes long.", nameof(plaintext));
        }

        return bytes;
    }
}
