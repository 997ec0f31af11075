using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkillsOrleans.Sealing;

/// <summary>
/// The JSON form of an envelope. Strict: a missing or null field, or a field this format does not define, is
/// refused, because a field outside the authenticated header must not be mistaken for part of it.
/// </summary>
public static class SealedSecretJson
{
    public static string Serialize(SealedSecretEnvelope envelope) =>
        JsonSerializer.Serialize(envelope, SealedSecretJsonContext.Default.SealedSecretEnvelope);

    /// <exception cref="SealedSecretRefusedException">Reason <see cref="SealedSecretRejection.Malformed"/>.</exception>
    public static SealedSecretEnvelope Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, SealedSecretJsonContext.Default.SealedSecretEnvelope)
                ?? throw Malformed();
        }
        catch (JsonException)
        {
            // JsonException messages may quote the input, which holds the ciphertext: keep only our own text.
            throw Malformed();
        }
    }

    private static SealedSecretRefusedException Malformed() =>
        new(SealedSecretRejection.Malformed, "The sealed secret is not a well-formed envelope.");
}

[JsonSourceGenerationOptions(
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(SealedSecretEnvelope))]
[JsonSerializable(typeof(SealingPublicKey))]
internal sealed partial class SealedSecretJsonContext : JsonSerializerContext;
