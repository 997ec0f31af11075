using System.Text.Json;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// One frame received from the gateway: an <c>event</c> (<see cref="Event"/> set) or a <c>res</c>ponse to a
/// request (<see cref="Id"/>, <see cref="Ok"/>, and <see cref="Payload"/> or <see cref="Error"/>).
/// </summary>
internal sealed record GatewayFrame(string Type, string? Event, string? Id, bool Ok, JsonElement Payload, GatewayError? Error)
{
    public bool IsEvent(string name) => Type == "event" && Event == name;

    public bool IsResponseTo(string id) => Type == "res" && Id == id;

    /// <exception cref="GatewayReloadException">Not JSON, or not a frame (<see cref="GatewayReloadFailure.ProtocolError"/>).</exception>
    public static GatewayFrame Parse(ReadOnlySpan<byte> utf8)
    {
        JsonElement root;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var document = JsonDocument.ParseValue(ref reader);
            root = document.RootElement.Clone();
        }
        catch (JsonException notJson)
        {
            throw new GatewayReloadException(GatewayReloadFailure.ProtocolError, "The gateway sent a frame that is not JSON.", notJson);
        }

        if (root.ValueKind != JsonValueKind.Object || Text(root, "type") is not { } type)
        {
            throw new GatewayReloadException(GatewayReloadFailure.ProtocolError, "The gateway sent a frame without a type.");
        }

        var payload = root.TryGetProperty("payload", out var value) ? value : default;
        var error = root.TryGetProperty("error", out var errorElement) ? GatewayError.From(errorElement) : null;
        return new GatewayFrame(
            type,
            Text(root, "event"),
            Text(root, "id"),
            root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True,
            payload,
            error);
    }

    /// <summary>The string property <paramref name="name"/> of an object, or null when absent or not a string.</summary>
    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}

/// <summary>The gateway's error shape: <c>{ code, message, details?: { code, … }, retryable? }</c>.</summary>
internal sealed record GatewayError(string Code, string? DetailCode, string Message)
{
    public static GatewayError From(JsonElement error) => new(
        GatewayFrame.Text(error, "code") ?? "",
        error.ValueKind == JsonValueKind.Object && error.TryGetProperty("details", out var details) ? GatewayFrame.Text(details, "code") : null,
        GatewayFrame.Text(error, "message") ?? "");

    /// <summary>"CODE (DETAIL): message", made safe by <paramref name="text"/>.</summary>
    public string Describe(GatewayText text) =>
        text.Safe(DetailCode is null ? $"{Code}: {Message}" : $"{Code} ({DetailCode}): {Message}");
}
