using System.Text.Json.Serialization;

namespace SkillsOrleans.Sealing;

/// <summary>
/// A secret sealed to one runtime host's key for one credential ref and one credential version, valid until
/// <see cref="ExpiresAt"/>. The API and the cluster only ever carry this ciphertext; the host opens it.
/// Binary fields are unpadded base64url. Every field except <see cref="Iv"/> and <see cref="Ciphertext"/> is
/// authenticated as AES-GCM additional data (<see cref="SealedSecretAad"/>).
/// </summary>
public sealed record SealedSecretEnvelope(
    [property: JsonPropertyName("format")] int Format,
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("epk")] string Epk,
    [property: JsonPropertyName("runtimeId")] string RuntimeId,
    [property: JsonPropertyName("credentialRef")] string CredentialRef,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("expiresAt")] long ExpiresAt,
    [property: JsonPropertyName("nonce")] string Nonce,
    [property: JsonPropertyName("iv")] string Iv,
    [property: JsonPropertyName("ciphertext")] string Ciphertext)
{
    /// <summary>Never prints the ciphertext, so an envelope that reaches a log line carries only its header.</summary>
    public override string ToString() =>
        $"SealedSecretEnvelope {{ Format = {Format}, Kid = {Kid}, RuntimeId = {RuntimeId}, CredentialRef = {CredentialRef}, Version = {Version}, ExpiresAt = {ExpiresAt}, Nonce = {Nonce} }}";
}
