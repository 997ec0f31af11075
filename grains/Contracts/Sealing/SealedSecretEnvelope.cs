using System.Text.Json.Serialization;

namespace SkillsOrleans.Contracts.Sealing;

/// <summary>
/// A secret sealed to one runtime host's key for one credential ref and one credential version, valid until
/// <see cref="ExpiresAt"/>. The API and the cluster only ever carry this ciphertext; the host opens it.
/// Binary fields are unpadded base64url. Every field except <see cref="Iv"/> and <see cref="Ciphertext"/> is
/// authenticated as AES-GCM additional data (<see cref="SealedSecretAad"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.sealed-secret")]
public sealed record SealedSecretEnvelope(
    [property: Id(0), JsonPropertyName("format")] int Format,
    [property: Id(1), JsonPropertyName("kid")] string Kid,
    [property: Id(2), JsonPropertyName("epk")] string Epk,
    [property: Id(3), JsonPropertyName("runtimeId")] string RuntimeId,
    [property: Id(4), JsonPropertyName("credentialRef")] string CredentialRef,
    [property: Id(5), JsonPropertyName("version")] int Version,
    [property: Id(6), JsonPropertyName("expiresAt")] long ExpiresAt,
    [property: Id(7), JsonPropertyName("nonce")] string Nonce,
    [property: Id(8), JsonPropertyName("iv")] string Iv,
    [property: Id(9), JsonPropertyName("ciphertext")] string Ciphertext)
{
    /// <summary>Never prints the ciphertext, so an envelope that reaches a log line carries only its header.</summary>
    public override string ToString() =>
        $"SealedSecretEnvelope {{ Format = {Format}, Kid = {Kid}, RuntimeId = {RuntimeId}, CredentialRef = {CredentialRef}, Version = {Version}, ExpiresAt = {ExpiresAt}, Nonce = {Nonce} }}";
}
