using System.Text.Json.Serialization;

namespace SkillsOrleans.Sealing;

/// <summary>
/// A runtime host's public sealing key in the forms a sealer needs: <see cref="Kid"/> to address it,
/// <see cref="Spki"/> (standard base64 of SPKI DER, for WebCrypto <c>importKey("spki")</c> and
/// <see cref="SecretSealer"/>) and the same key as a JWK.
/// </summary>
public sealed record SealingPublicKey(
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("spki")] string Spki,
    [property: JsonPropertyName("jwk")] SealingPublicKeyJwk Jwk);

/// <summary>An EC P-256 public JWK (RFC 7518 §6.2.1); coordinates are unpadded base64url.</summary>
public sealed record SealingPublicKeyJwk(
    [property: JsonPropertyName("kty")] string Kty,
    [property: JsonPropertyName("crv")] string Crv,
    [property: JsonPropertyName("x")] string X,
    [property: JsonPropertyName("y")] string Y);
