using SkillsOrleans.Sealing;

namespace SkillsOrleans.UnitTests.Sealing;

public sealed class SealedSecretRoundTripTests : IDisposable
{
    private readonly SealingTestHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public void The_host_opens_what_was_sealed_to_it()
    {
        var envelope = host.Seal();

        Assert.Equal(SealingTestHost.Canary, host.OpenText(envelope));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("sk-proj-ünïcödé-€-😀-\n-\t-trailing space ")]
    public void Any_text_survives_the_round_trip(string plaintext)
    {
        Assert.Equal(plaintext, host.OpenText(host.Seal(plaintext: plaintext)));
    }

    [Fact]
    public void The_largest_allowed_secret_round_trips()
    {
        var plaintext = new string('k', SealedSecretFormat.MaxPlaintextBytes);

        Assert.Equal(plaintext, host.OpenText(host.Seal(plaintext: plaintext)));
    }

    [Fact]
    public void The_envelope_carries_the_documented_header()
    {
        var envelope = host.Seal(version: 7);

        Assert.Equal(1, envelope.Format);
        Assert.Equal(host.Key.Fingerprint, envelope.Kid);
        Assert.Equal(SealingTestHost.RuntimeId, envelope.RuntimeId);
        Assert.Equal(SealingTestHost.Ref.ToString(), envelope.CredentialRef);
        Assert.Equal(7, envelope.Version);
        Assert.Equal(host.Now + 300, envelope.ExpiresAt);
        Assert.True(Base64UrlCanonical.TryDecode(envelope.Epk, out var epk));
        Assert.Equal(SealedSecretFormat.EphemeralPublicKeyBytes, epk.Length);
        Assert.Equal(0x04, epk[0]);
        Assert.Equal(22, envelope.Nonce.Length);
        Assert.Equal(16, envelope.Iv.Length);
        Assert.True(Base64UrlCanonical.TryDecode(envelope.Ciphertext, out var ciphertext));
        Assert.Equal(SealingTestHost.Canary.Length + SealedSecretFormat.TagBytes, ciphertext.Length);
    }

    [Fact]
    public void Every_seal_uses_a_fresh_ephemeral_key_nonce_and_iv()
    {
        var first = host.Seal();
        var second = host.Seal();

        Assert.NotEqual(first.Epk, second.Epk);
        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.NotEqual(first.Iv, second.Iv);
        Assert.NotEqual(first.Ciphertext, second.Ciphertext);
    }

    [Fact]
    public void Envelope_text_never_shows_the_ciphertext()
    {
        var envelope = host.Seal();

        Assert.DoesNotContain(envelope.Ciphertext, envelope.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_opened_secret_is_wiped_on_dispose()
    {
        var opened = host.Opener.Open(host.Seal(), SealingTestHost.Ref, 3);
        Assert.DoesNotContain(SealingTestHost.Canary, opened.ToString(), StringComparison.Ordinal);

        opened.Dispose();

        Assert.Throws<ObjectDisposedException>(() => opened.ToPlaintextString());
    }

    [Fact]
    public void The_envelope_round_trips_through_json_with_the_documented_names()
    {
        var envelope = host.Seal();

        var json = SealedSecretJson.Serialize(envelope);

        foreach (var name in new[] { "format", "kid", "epk", "runtimeId", "credentialRef", "version", "expiresAt", "nonce", "iv", "ciphertext" })
        {
            Assert.Contains($"\"{name}\":", json, StringComparison.Ordinal);
        }

        Assert.Equal(envelope, SealedSecretJson.Deserialize(json));
        Assert.Equal(SealingTestHost.Canary, host.OpenText(SealedSecretJson.Deserialize(json)));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("null")]
    public void Json_that_is_not_an_envelope_is_malformed(string json)
    {
        var error = Assert.Throws<SealedSecretRefusedException>(() => SealedSecretJson.Deserialize(json));

        Assert.Equal(SealedSecretRejection.Malformed, error.Reason);
    }

    [Fact]
    public void Json_with_a_missing_null_or_unknown_field_is_malformed()
    {
        var json = SealedSecretJson.Serialize(host.Seal());
        var withoutIv = System.Text.RegularExpressions.Regex.Replace(json, "\"iv\":\"[^\"]*\",", "");
        var withNullKid = System.Text.RegularExpressions.Regex.Replace(json, "\"kid\":\"[^\"]*\"", "\"kid\":null");
        var withExtra = json.Replace("{", "{\"note\":\"x\",", StringComparison.Ordinal);

        foreach (var variant in new[] { withoutIv, withNullKid, withExtra })
        {
            Assert.NotEqual(json, variant);
            var error = Assert.Throws<SealedSecretRefusedException>(() => SealedSecretJson.Deserialize(variant));
            Assert.Equal(SealedSecretRejection.Malformed, error.Reason);
            Assert.DoesNotContain(SealingTestHost.Canary, error.Message, StringComparison.Ordinal);
        }
    }
}
