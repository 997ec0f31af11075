using System.Buffers;
using System.Text.Json;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>The two request frames this client sends, as UTF-8 JSON (gateway protocol version 4).</summary>
internal static class GatewayFrames
{
    public const int ProtocolVersion = 4;
    public const string AdminScope = "operator.admin";

    public static byte[] Connect(string id, string token, GatewayClientIdentity identity, string clientVersion) =>
        Write(writer =>
        {
            writer.WriteString("type", "req");
            writer.WriteString("id", id);
            writer.WriteString("method", "connect");
            writer.WriteStartObject("params");
            writer.WriteNumber("minProtocol", ProtocolVersion);
            writer.WriteNumber("maxProtocol", ProtocolVersion);
            writer.WriteStartObject("client");
            writer.WriteString("id", identity.Id);
            writer.WriteString("version", clientVersion);
            writer.WriteString("platform", "linux");
            writer.WriteString("mode", identity.Mode);
            writer.WriteEndObject();
            writer.WriteString("role", "operator");
            writer.WriteStartArray("scopes");
            writer.WriteStringValue(AdminScope);
            writer.WriteEndArray();
            writer.WriteStartArray("caps");
            writer.WriteEndArray();
            writer.WriteStartObject("auth");
            writer.WriteString("token", token);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    public static byte[] Request(string id, string method) =>
        Write(writer =>
        {
            writer.WriteString("type", "req");
            writer.WriteString("id", id);
            writer.WriteString("method", method);
        });

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
