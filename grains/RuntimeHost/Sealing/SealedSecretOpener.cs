using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Sealing;

namespace SkillsOrleans.RuntimeHost.Sealing;

/// <summary>
/// Opens envelopes sealed to this runtime host, and only those meant for the delivery in hand: this key, this
/// runtime, the credential and version the caller is delivering, unexpired, never seen before, untampered.
/// Binding checks come before decryption so a misaddressed envelope is refused for what it is; the nonce is
/// remembered only after the tag verifies, so nobody can burn a nonce without holding a valid envelope.
/// </summary>
public sealed partial class SealedSecretOpener
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private const int MaxCiphertextBytes = SealedSecretFormat.MaxPlaintextBytes + SealedSecretFormat.TagBytes;

    private readonly RuntimeSealingKey key;
    private readonly string runtimeId;
    private readonly SeenNonceCache seenNonces;
    private readonly TimeProvider clock;
    private readonly ILogger<SealedSecretOpener> logger;
    private readonly RetiredSealingKey? retired;

    /// <param name="retired">The previous key after a rotation, accepted until its envelopes must have expired.</param>
    public SealedSecretOpener(
        RuntimeSealingKey key, string runtimeId, SeenNonceCache seenNonces, TimeProvider clock, ILogger<SealedSecretOpener> logger,
        RetiredSealingKey? retired = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(seenNonces);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        this.key = key;
        this.runtimeId = ResourceIds.RequireRuntimeId(runtimeId);
        this.seenNonces = seenNonces;
        this.clock = clock;
        this.logger = logger;
        this.retired = retired;
    }

    /// <param name="envelope">As received; nothing in it is trusted until the tag verifies.</param>
    /// <param name="expectedRef">The credential the caller is delivering.</param>
    /// <param name="expectedVersion">The version this delivery creates.</param>
    /// <exception cref="SealedSecretRefusedException">The envelope is refused; <see cref="SealedSecretRefusedException.Reason"/> says why.</exception>
    public OpenedSecret Open(SealedSecretEnvelope envelope, CredentialRef expectedRef, int expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentOutOfRangeException.ThrowIfLessThan(expectedVersion, 1);
        if (!string.Equals(expectedRef.Runtime, runtimeId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Credential '{expectedRef}' does not belong to runtime '{runtimeId}'.", nameof(expectedRef));
        }

        try
        {
            var opened = OpenChecked(envelope, expectedRef, expectedVersion);
            LogOpened(logger, expectedRef.ToString(), expectedVersion, envelope.Kid);
            return opened;
        }
        catch (SealedSecretRefusedException rejected)
        {
            LogRefused(logger, rejected.Reason, expectedRef.ToString(), expectedVersion);
            throw;
        }
    }

    private OpenedSecret OpenChecked(SealedSecretEnvelope envelope, CredentialRef expectedRef, int expectedVersion)
    {
        if (envelope.Format != SealedSecretFormat.Current)
        {
            throw Refuse(SealedSecretRejection.UnsupportedFormat, $"Sealed secret format {envelope.Format} is not supported.");
        }

        var parts = ParseOrRefuse(envelope);

        if (!string.Equals(envelope.RuntimeId, runtimeId, StringComparison.Ordinal))
        {
            throw Refuse(SealedSecretRejection.WrongHost, $"Sealed for runtime '{envelope.RuntimeId}', but this host is '{runtimeId}'.");
        }

        var openingKey = string.Equals(envelope.Kid, key.Fingerprint, StringComparison.Ordinal) ? key
            : retired is not null && retired.Accepts(envelope.Kid, clock) ? retired.Key
            : throw Refuse(SealedSecretRejection.WrongKey, $"Sealed to key {envelope.Kid}, but this host's key is {key.Fingerprint}.");

        if (!string.Equals(envelope.CredentialRef, expectedRef.ToString(), StringComparison.Ordinal))
        {
            throw Refuse(SealedSecretRejection.WrongCredential, $"Sealed for '{envelope.CredentialRef}', not for '{expectedRef}'.");
        }

        if (envelope.Version != expectedVersion)
        {
            throw Refuse(SealedSecretRejection.WrongVersion, $"Sealed for version {envelope.Version}, but this delivery creates version {expectedVersion}.");
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (envelope.ExpiresAt <= now)
        {
            throw Refuse(SealedSecretRejection.Expired, $"The sealed secret expired at {envelope.ExpiresAt} (now {now}).");
        }

        if (envelope.ExpiresAt > now + (long)SealedSecretFormat.MaxLifetime.TotalSeconds)
        {
            throw Refuse(
                SealedSecretRejection.ExpiryTooFarAhead,
                $"The sealed secret expires at {envelope.ExpiresAt}, more than {SealedSecretFormat.MaxLifetime.TotalMinutes} minutes ahead (now {now}).");
        }

        if (seenNonces.HasSeen(envelope.Nonce, now))
        {
            throw Refuse(SealedSecretRejection.Replayed, $"Sealed secret {envelope.Nonce} was already opened.");
        }

        var plaintext = Decrypt(openingKey, envelope, parts);
        switch (seenNonces.TryRemember(envelope.Nonce, envelope.ExpiresAt, now))
        {
            case NonceAdmission.Remembered:
                return new OpenedSecret(plaintext);
            case NonceAdmission.AlreadySeen:
                CryptographicOperations.ZeroMemory(plaintext);
                throw Refuse(SealedSecretRejection.Replayed, $"Sealed secret {envelope.Nonce} was already opened.");
            default:
                CryptographicOperations.ZeroMemory(plaintext);
                throw Refuse(SealedSecretRejection.ReplayCacheFull, "Too many sealed secrets are pending expiry; try again later.");
        }
    }

    private static byte[] Decrypt(RuntimeSealingKey openingKey, SealedSecretEnvelope envelope, EnvelopeBytes parts)
    {
        byte[] shared;
        try
        {
            shared = openingKey.DeriveSharedSecret(parts.EphemeralX, parts.EphemeralY);
        }
        catch (CryptographicException)
        {
            throw Refuse(SealedSecretRejection.Malformed, "The ephemeral key is not a point on P-256.");
        }

        var aesKey = SealedSecretKeyDerivation.DeriveKey(shared, parts.Nonce);
        CryptographicOperations.ZeroMemory(shared);
        var plaintextLength = parts.Ciphertext.Length - SealedSecretFormat.TagBytes;
        var plaintext = new byte[plaintextLength];
        try
        {
            using var aes = new AesGcm(aesKey, SealedSecretFormat.TagBytes);
            aes.Decrypt(
                parts.Iv,
                parts.Ciphertext.AsSpan(0, plaintextLength),
                parts.Ciphertext.AsSpan(plaintextLength),
                plaintext,
                SealedSecretAad.For(envelope));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw Refuse(SealedSecretRejection.Tampered, "The sealed secret does not authenticate: its header or ciphertext was changed.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(aesKey);
        }

        if (!IsValidUtf8(plaintext))
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw Refuse(SealedSecretRejection.Malformed, "The sealed secret is not UTF-8 text.");
        }

        return plaintext;
    }

    private static bool IsValidUtf8(byte[] bytes)
    {
        try
        {
            _ = StrictUtf8.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Every field's grammar and length, before any of them is compared, logged or fed to the AAD.</summary>
    private static EnvelopeBytes ParseOrRefuse(SealedSecretEnvelope envelope)
    {
        if (!SealingKeyFingerprint.IsWellFormed(envelope.Kid)
            || !ResourceIds.IsRuntimeId(envelope.RuntimeId)
            || !CredentialRef.TryParse(envelope.CredentialRef, out _)
            || envelope.Version < 1
            || envelope.ExpiresAt < 1
            || !Base64UrlCanonical.TryDecode(envelope.Epk, out var epk)
            || epk.Length != SealedSecretFormat.EphemeralPublicKeyBytes || epk[0] != 0x04
            || !Base64UrlCanonical.TryDecode(envelope.Nonce, out var nonce) || nonce.Length != SealedSecretFormat.NonceBytes
            || !Base64UrlCanonical.TryDecode(envelope.Iv, out var iv) || iv.Length != SealedSecretFormat.IvBytes
            || envelope.Ciphertext is null || envelope.Ciphertext.Length > (MaxCiphertextBytes + 2) / 3 * 4
            || !Base64UrlCanonical.TryDecode(envelope.Ciphertext, out var ciphertext)
            || ciphertext.Length <= SealedSecretFormat.TagBytes || ciphertext.Length > MaxCiphertextBytes)
        {
            throw Refuse(SealedSecretRejection.Malformed, "The sealed secret is not a well-formed format 1 envelope.");
        }

        const int coordinate = 32;
        return new EnvelopeBytes(epk[1..(1 + coordinate)], epk[(1 + coordinate)..], nonce, iv, ciphertext);
    }

    /// <summary>
    /// Messages carry the reason and header fields that already passed their grammar (so they are printable and
    /// bounded); never plaintext or ciphertext.
    /// </summary>
    private static SealedSecretRefusedException Refuse(SealedSecretRejection reason, string message) => new(reason, message);

    private sealed record EnvelopeBytes(byte[] EphemeralX, byte[] EphemeralY, byte[] Nonce, byte[] Iv, byte[] Ciphertext);

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened sealed secret for {CredentialRef} version {Version} (key {Kid})")]
    private static partial void LogOpened(ILogger logger, string credentialRef, int version, string kid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused sealed secret for {CredentialRef} version {Version}: {Reason}")]
    private static partial void LogRefused(ILogger logger, SealedSecretRejection reason, string credentialRef, int version);
}
