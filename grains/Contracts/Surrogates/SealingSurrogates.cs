using SkillsOrleans.Sealing;

namespace SkillsOrleans.Contracts.Surrogates;

/// <summary>The wire form of <see cref="SealedSecretEnvelope"/> in grain calls (the Sealing library carries no Orleans attributes).</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.sealed-secret")]
public readonly record struct SealedSecretEnvelopeSurrogate(
    [property: Id(0)] int Format,
    [property: Id(1)] string Kid,
    [property: Id(2)] string Epk,
    [property: Id(3)] string RuntimeId,
    [property: Id(4)] string CredentialRef,
    [property: Id(5)] int Version,
    [property: Id(6)] long ExpiresAt,
    [property: Id(7)] string Nonce,
    [property: Id(8)] string Iv,
    [property: Id(9)] string Ciphertext)
{
    /// <summary>Never prints the ciphertext, like the envelope itself.</summary>
    public override string ToString() => "SealedSecretEnvelopeSurrogate (ciphertext hidden)";
}

[RegisterConverter]
public sealed class SealedSecretEnvelopeConverter : IConverter<SealedSecretEnvelope, SealedSecretEnvelopeSurrogate>
{
    public SealedSecretEnvelope ConvertFromSurrogate(in SealedSecretEnvelopeSurrogate surrogate) => new(
        surrogate.Format, surrogate.Kid, surrogate.Epk, surrogate.RuntimeId, surrogate.CredentialRef,
        surrogate.Version, surrogate.ExpiresAt, surrogate.Nonce, surrogate.Iv, surrogate.Ciphertext);

    public SealedSecretEnvelopeSurrogate ConvertToSurrogate(in SealedSecretEnvelope value) => new(
        value.Format, value.Kid, value.Epk, value.RuntimeId, value.CredentialRef,
        value.Version, value.ExpiresAt, value.Nonce, value.Iv, value.Ciphertext);
}

/// <summary>The wire form of <see cref="SealingPublicKey"/>.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.sealing-public-key")]
public readonly record struct SealingPublicKeySurrogate(
    [property: Id(0)] string Kid,
    [property: Id(1)] string Spki,
    [property: Id(2)] SealingPublicKeyJwk Jwk);

[RegisterConverter]
public sealed class SealingPublicKeyConverter : IConverter<SealingPublicKey, SealingPublicKeySurrogate>
{
    public SealingPublicKey ConvertFromSurrogate(in SealingPublicKeySurrogate surrogate) => new(surrogate.Kid, surrogate.Spki, surrogate.Jwk);

    public SealingPublicKeySurrogate ConvertToSurrogate(in SealingPublicKey value) => new(value.Kid, value.Spki, value.Jwk);
}

/// <summary>The wire form of <see cref="SealingPublicKeyJwk"/>.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.sealing-public-key-jwk")]
public readonly record struct SealingPublicKeyJwkSurrogate(
    [property: Id(0)] string Kty,
    [property: Id(1)] string Crv,
    [property: Id(2)] string X,
    [property: Id(3)] string Y);

[RegisterConverter]
public sealed class SealingPublicKeyJwkConverter : IConverter<SealingPublicKeyJwk, SealingPublicKeyJwkSurrogate>
{
    public SealingPublicKeyJwk ConvertFromSurrogate(in SealingPublicKeyJwkSurrogate surrogate) =>
        new(surrogate.Kty, surrogate.Crv, surrogate.X, surrogate.Y);

    public SealingPublicKeyJwkSurrogate ConvertToSurrogate(in SealingPublicKeyJwk value) => new(value.Kty, value.Crv, value.X, value.Y);
}
