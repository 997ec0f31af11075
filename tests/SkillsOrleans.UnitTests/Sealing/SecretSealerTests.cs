using System.Security.Cryptography;
using SkillsOrleans.Sealing;

namespace SkillsOrleans.UnitTests.Sealing;

public sealed class SecretSealerTests : IDisposable
{
    private readonly SealingTestHost host = new();

    public void Dispose() => host.Dispose();

    private byte[] Spki => host.Key.SubjectPublicKeyInfo.ToArray();

    private long ExpiresAt => host.Now + 300;

    [Fact]
    public void Refuses_a_kid_that_is_not_the_keys_fingerprint()
    {
        using var other = new SealingTestHost();

        Assert.Throws<ArgumentException>(() => SecretSealer.Seal(
            Spki, other.Key.Fingerprint, SealingTestHost.RuntimeId, SealingTestHost.Ref.ToString(), 1, ExpiresAt, "value"));
    }

    [Fact]
    public void Refuses_a_runtime_that_the_ref_does_not_name()
    {
        Assert.Throws<ArgumentException>(() => SecretSealer.Seal(
            Spki, host.Key.Fingerprint, "demo-runtime-2", SealingTestHost.Ref.ToString(), 1, ExpiresAt, "value"));
    }

    [Theory]
    [InlineData("demo/demo-runtime-1/trello")]
    [InlineData("demo/demo-runtime-1/trello/lower_case")]
    [InlineData("demo/demo-runtime-1/trello/TRELLO_TOKEN\n")]
    public void Refuses_text_that_is_not_a_credential_ref(string credentialRef)
    {
        Assert.Throws<ArgumentException>(() => SecretSealer.Seal(
            Spki, host.Key.Fingerprint, SealingTestHost.RuntimeId, credentialRef, 1, ExpiresAt, "value"));
    }

    [Fact]
    public void Refuses_keys_that_are_not_p256_spki()
    {
        using var p384 = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
        using var rsa = RSA.Create(2048);
        byte[][] keys = [p384.ExportSubjectPublicKeyInfo(), rsa.ExportSubjectPublicKeyInfo(), [0x30, 0x00], [.. Spki, 0x00]];

        foreach (var key in keys)
        {
            Assert.Throws<ArgumentException>(() => SecretSealer.Seal(
                key, SealingKeyFingerprint.Of(key), SealingTestHost.RuntimeId, SealingTestHost.Ref.ToString(), 1, ExpiresAt, "value"));
        }
    }

    [Theory]
    [InlineData(0, 1L)]
    [InlineData(-1, 1L)]
    [InlineData(1, 0L)]
    public void Refuses_versions_and_expiries_that_cannot_be_real(int version, long expiresAt)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SecretSealer.Seal(
            Spki, host.Key.Fingerprint, SealingTestHost.RuntimeId, SealingTestHost.Ref.ToString(), version, expiresAt, "value"));
    }

    [Fact]
    public void Refuses_empty_oversized_and_invalid_text_without_echoing_it()
    {
        var oversized = SealingTestHost.Canary + new string('k', SealedSecretFormat.MaxPlaintextBytes);
        var loneSurrogate = SealingTestHost.Canary + "\ud800";

        foreach (var plaintext in new[] { "", oversized, loneSurrogate })
        {
            var error = Assert.Throws<ArgumentException>(() => SecretSealer.Seal(
                Spki, host.Key.Fingerprint, SealingTestHost.RuntimeId, SealingTestHost.Ref.ToString(), 1, ExpiresAt, plaintext));
            Assert.DoesNotContain(SealingTestHost.Canary, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Measures_the_limit_in_utf8_bytes()
    {
        var fourByteCharacters = string.Concat(Enumerable.Repeat("😀", (SealedSecretFormat.MaxPlaintextBytes / 4) + 1));

        Assert.Throws<ArgumentException>(() => SecretSealer.Seal(
            Spki, host.Key.Fingerprint, SealingTestHost.RuntimeId, SealingTestHost.Ref.ToString(), 1, ExpiresAt, fourByteCharacters));
    }

    [Fact]
    public void Seals_for_exactly_the_ref_it_is_given()
    {
        var envelope = SecretSealer.Seal(Spki, host.Key.Fingerprint, SealingTestHost.RuntimeId, "demo/demo-runtime-1/trello/TRELLO_TOKEN", 9, ExpiresAt, "value");

        Assert.Equal("demo/demo-runtime-1/trello/TRELLO_TOKEN", envelope.CredentialRef);
        Assert.Equal(9, envelope.Version);
        Assert.Equal(ExpiresAt, envelope.ExpiresAt);
    }
}
