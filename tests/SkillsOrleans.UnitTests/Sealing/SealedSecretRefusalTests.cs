using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Sealing;

namespace SkillsOrleans.UnitTests.Sealing;

public sealed class SealedSecretRefusalTests : IDisposable
{
    private static readonly CredentialRef OtherRef = CredentialRef.Parse("demo/demo-runtime-1/trello/TRELLO_TOKEN");

    private readonly SealingTestHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public void An_envelope_for_another_runtime_is_refused()
    {
        using var otherHost = new SealingTestHost(runtimeId: "demo-runtime-2");
        var envelope = host.Seal();
        var forOtherHostsKey = envelope with { Kid = otherHost.Key.Fingerprint };

        SealedSecretAssert.Refused(SealedSecretRejection.WrongHost, envelope, () => Open(envelope, OtherRuntimeRef(), otherHost));
        SealedSecretAssert.Refused(SealedSecretRejection.WrongHost, envelope, () => Open(forOtherHostsKey, OtherRuntimeRef(), otherHost));
    }

    [Fact]
    public void An_envelope_sealed_to_another_key_is_refused()
    {
        using var otherHost = new SealingTestHost();
        var envelope = otherHost.Seal();

        SealedSecretAssert.Refused(SealedSecretRejection.WrongKey, envelope, () => host.OpenText(envelope));
    }

    [Fact]
    public void An_envelope_relabelled_with_this_hosts_kid_does_not_open()
    {
        using var otherHost = new SealingTestHost();
        var envelope = otherHost.Seal() with { Kid = host.Key.Fingerprint };

        SealedSecretAssert.Refused(SealedSecretRejection.Tampered, envelope, () => host.OpenText(envelope));
    }

    [Fact]
    public void An_envelope_for_another_credential_is_refused()
    {
        var envelope = host.Seal(credentialRef: OtherRef);

        SealedSecretAssert.Refused(SealedSecretRejection.WrongCredential, envelope, () => host.OpenText(envelope));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void An_envelope_for_another_version_is_refused(int sealedVersion)
    {
        var envelope = host.Seal(version: sealedVersion);

        SealedSecretAssert.Refused(SealedSecretRejection.WrongVersion, envelope, () => host.OpenText(envelope, expectedVersion: 3));
    }

    [Fact]
    public void An_expired_envelope_is_refused()
    {
        var envelope = host.Seal(expiresIn: TimeSpan.FromMinutes(5));
        host.Clock.Advance(TimeSpan.FromMinutes(5));

        SealedSecretAssert.Refused(SealedSecretRejection.Expired, envelope, () => host.OpenText(envelope));
    }

    [Fact]
    public void An_envelope_is_good_until_its_last_second()
    {
        var envelope = host.Seal(expiresIn: TimeSpan.FromMinutes(5));
        host.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));

        Assert.Equal(SealingTestHost.Canary, host.OpenText(envelope));
    }

    [Fact]
    public void An_envelope_expiring_too_far_ahead_is_refused()
    {
        var atTheLimit = host.Seal(expiresIn: SealedSecretFormat.MaxLifetime);
        var beyond = host.Seal(expiresIn: SealedSecretFormat.MaxLifetime + TimeSpan.FromSeconds(1));

        Assert.Equal(SealingTestHost.Canary, host.OpenText(atTheLimit));
        SealedSecretAssert.Refused(SealedSecretRejection.ExpiryTooFarAhead, beyond, () => host.OpenText(beyond));
    }

    [Fact]
    public void The_same_envelope_opens_only_once()
    {
        var envelope = host.Seal();
        Assert.Equal(SealingTestHost.Canary, host.OpenText(envelope));

        SealedSecretAssert.Refused(SealedSecretRejection.Replayed, envelope, () => host.OpenText(envelope));
    }

    [Fact]
    public void A_refused_envelope_does_not_burn_its_nonce()
    {
        var envelope = host.Seal();
        SealedSecretAssert.Refused(
            SealedSecretRejection.Tampered, envelope, () => host.OpenText(envelope with { Ciphertext = Flip(envelope.Ciphertext) }));

        Assert.Equal(SealingTestHost.Canary, host.OpenText(envelope));
    }

    [Fact]
    public void A_full_replay_cache_refuses_rather_than_forgets()
    {
        using var smallHost = new SealingTestHost(nonceCapacity: 2);
        smallHost.OpenText(smallHost.Seal(expiresIn: TimeSpan.FromMinutes(1)));
        smallHost.OpenText(smallHost.Seal(expiresIn: TimeSpan.FromMinutes(10)));
        var third = smallHost.Seal(expiresIn: TimeSpan.FromMinutes(10));

        SealedSecretAssert.Refused(SealedSecretRejection.ReplayCacheFull, third, () => smallHost.OpenText(third));

        smallHost.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(SealingTestHost.Canary, smallHost.OpenText(third));
        Assert.Equal(2, smallHost.Nonces.Count);
    }

    public static TheoryData<string> HeaderFields => ["version", "credentialRef", "expiresAt", "nonce", "epk", "runtimeId"];

    /// <summary>
    /// Each header field is changed to a value the host would otherwise accept, so only the AAD can catch it.
    /// (A changed kid or format is caught by the AAD too; see SealedSecretAadTests.)
    /// </summary>
    [Theory]
    [MemberData(nameof(HeaderFields))]
    public void A_changed_header_field_does_not_authenticate(string field)
    {
        var envelope = field == "runtimeId"
            ? SealedToThisKeyForRuntime(OtherRuntimeRef())
            : host.Seal(version: 3, credentialRef: OtherRef);
        var (tampered, expectedRef, expectedVersion) = field switch
        {
            "version" => (envelope with { Version = 4 }, OtherRef, 4),
            "credentialRef" => (envelope with { CredentialRef = SealingTestHost.Ref.ToString() }, SealingTestHost.Ref, 3),
            "expiresAt" => (envelope with { ExpiresAt = envelope.ExpiresAt + 60 }, OtherRef, 3),
            "nonce" => (envelope with { Nonce = host.Seal().Nonce }, OtherRef, 3),
            "epk" => (envelope with { Epk = host.Seal().Epk }, OtherRef, 3),
            _ => (envelope with { RuntimeId = SealingTestHost.RuntimeId, CredentialRef = SealingTestHost.Ref.ToString() }, SealingTestHost.Ref, 3),
        };

        SealedSecretAssert.Refused(SealedSecretRejection.Tampered, envelope, () => host.OpenText(tampered, expectedRef, expectedVersion));
    }

    [Fact]
    public void A_changed_iv_or_ciphertext_does_not_authenticate()
    {
        var envelope = host.Seal();

        SealedSecretAssert.Refused(SealedSecretRejection.Tampered, envelope, () => host.OpenText(envelope with { Iv = host.Seal().Iv }));
        SealedSecretAssert.Refused(SealedSecretRejection.Tampered, envelope, () => host.OpenText(envelope with { Ciphertext = Flip(envelope.Ciphertext) }));
        SealedSecretAssert.Refused(SealedSecretRejection.Tampered, envelope, () => host.OpenText(envelope with { Ciphertext = Truncate(envelope.Ciphertext) }));
    }

    [Fact]
    public void An_unknown_format_is_refused()
    {
        var envelope = host.Seal() with { Format = 2 };

        SealedSecretAssert.Refused(SealedSecretRejection.UnsupportedFormat, envelope, () => host.OpenText(envelope));
    }

    public static TheoryData<string> MalformedVariants =>
    [
        "kid-not-fingerprint", "kid-null", "epk-short", "epk-compressed", "epk-off-curve", "epk-padded", "nonce-short",
        "nonce-non-canonical", "iv-long", "iv-whitespace", "ciphertext-tag-only", "ciphertext-too-large",
        "ciphertext-standard-base64", "ciphertext-null", "ref-outside-grammar", "runtime-outside-grammar",
        "version-zero", "expires-zero",
    ];

    [Theory]
    [MemberData(nameof(MalformedVariants))]
    public void A_malformed_field_is_refused_before_anything_else(string variant)
    {
        var envelope = host.Seal();
        var epk = Decode(envelope.Epk);
        var malformed = variant switch
        {
            "kid-not-fingerprint" => envelope with { Kid = "sha1:" + envelope.Kid[7..] },
            "kid-null" => envelope with { Kid = null! },
            "epk-short" => envelope with { Epk = Base64UrlCanonical.Encode(epk.AsSpan(0, 64)) },
            "epk-compressed" => envelope with { Epk = Base64UrlCanonical.Encode([0x02, .. epk[1..33]]) },
            "epk-off-curve" => envelope with { Epk = Base64UrlCanonical.Encode([0x04, .. epk[1..64], (byte)(epk[64] ^ 1)]) },
            "epk-padded" => envelope with { Epk = envelope.Epk + "=" },
            "nonce-short" => envelope with { Nonce = Base64UrlCanonical.Encode(Decode(envelope.Nonce).AsSpan(0, 15)) },
            "nonce-non-canonical" => envelope with { Nonce = NonCanonical(envelope.Nonce) },
            "iv-long" => envelope with { Iv = Base64UrlCanonical.Encode(new byte[13]) },
            "iv-whitespace" => envelope with { Iv = envelope.Iv[..8] + " " + envelope.Iv[8..] },
            "ciphertext-tag-only" => envelope with { Ciphertext = Base64UrlCanonical.Encode(new byte[16]) },
            "ciphertext-too-large" => envelope with { Ciphertext = Base64UrlCanonical.Encode(new byte[SealedSecretFormat.MaxPlaintextBytes + 17]) },
            "ciphertext-standard-base64" => envelope with { Ciphertext = Convert.ToBase64String(Decode(envelope.Ciphertext)) + "+/" },
            "ciphertext-null" => envelope with { Ciphertext = null! },
            "ref-outside-grammar" => envelope with { CredentialRef = "demo/demo-runtime-1/../OPENAI_API_KEY" },
            "runtime-outside-grammar" => envelope with { RuntimeId = "Demo-Runtime-1\n" },
            "version-zero" => envelope with { Version = 0 },
            "expires-zero" => envelope with { ExpiresAt = 0 },
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };

        SealedSecretAssert.Refused(SealedSecretRejection.Malformed, envelope, () => host.OpenText(malformed));
    }

    [Fact]
    public void A_credential_of_another_runtime_is_a_caller_error()
    {
        Assert.Throws<ArgumentException>(() => host.Opener.Open(host.Seal(), OtherRuntimeRef(), 3));
    }

    private static CredentialRef OtherRuntimeRef() => CredentialRef.Parse("demo/demo-runtime-2/openai-whisper-api/OPENAI_API_KEY");

    private static string Open(SealedSecretEnvelope envelope, CredentialRef expectedRef, SealingTestHost on) =>
        on.OpenText(envelope, expectedRef);

    private SealedSecretEnvelope SealedToThisKeyForRuntime(CredentialRef credentialRef) =>
        SecretSealer.Seal(
            host.Key.SubjectPublicKeyInfo.Span, host.Key.Fingerprint, credentialRef.Runtime, credentialRef.ToString(), 3, host.Now + 300, SealingTestHost.Canary);

    private static byte[] Decode(string text) =>
        Base64UrlCanonical.TryDecode(text, out var bytes) ? bytes : throw new FormatException(text);

    private static string Flip(string ciphertext)
    {
        var bytes = Decode(ciphertext);
        bytes[0] ^= 0x01;
        return Base64UrlCanonical.Encode(bytes);
    }

    private static string Truncate(string ciphertext) => Base64UrlCanonical.Encode(Decode(ciphertext).AsSpan(..^1));

    /// <summary>Sets unused trailing bits: another spelling of the same 16 bytes.</summary>
    private static string NonCanonical(string nonce)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var last = alphabet.IndexOf(nonce[^1], StringComparison.Ordinal);
        return nonce[..^1] + alphabet[last | 0x03];
    }
}
