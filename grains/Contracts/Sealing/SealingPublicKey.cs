using System.Text.Json.Serialization;

namespace SkillsOrleans.Contracts.Sealing;

/// <summary>
/// A runtime host's public sealing key in the forms a sealer needs: <see cref="Kid"/> to address it,
/// <see cref="Spki"/> (standard base64 of SPKI DER, for WebCrypto <c>importKey("spki")</c> and
/// <see cref="SecretSealer"/>) and the same key as a JWK.
/// </summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.sealing-public-key")]
public sealed record SealingPublicKey(
    [property: Id(0), JsonPropertyName("kid")] string Kid,
    [property: Id(1), JsonPropertyName("spki")] string Spki,
    [property: Id(2), JsonPropertyName("jwk")] SealingPublicKeyJwk Jwk);

/// <summary>An EC P-256 public JWK (RFC 7518 §6.2.1); coordinates are unpadded base64url.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.sealing-public-key-jwk")]
public sealed record SealingPublicKeyJwk(
    [property: Id(0), JsonPropertyName("kty")] string Kty,
    [property: Id(1), JsonPropertyName("crv")] string Crv,
    [property: Id(2), JsonPropertyName("x")] string X,
    [property: Id(3), JsonPropertyName("y")] string Y);
