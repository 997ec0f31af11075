using System.Text.Json.Nodes;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// OpenClaw's file SecretRef, <c>{ "source": "file", "provider": alias, "id": "/a/b/c" }</c>, whose id is an
/// RFC 6901 JSON pointer into the provider's json file.
/// </summary>
internal static class FileSecretRef
{
    public static JsonObject Create(string providerAlias, params string[] pointerSegments) => new()
    {
        ["source"] = "file",
        ["provider"] = providerAlias,
        ["id"] = Pointer(pointerSegments),
    };

    /// <summary>A SecretRef naming this provider; any such ref in openclaw.json was written by this host.</summary>
    public static bool IsFrom(JsonNode? node, string providerAlias) =>
        node is JsonObject reference
        && StringAt(reference, "source") == "file"
        && StringAt(reference, "provider") == providerAlias;

    public static string Pointer(params string[] segments) => string.Concat(segments.Select(s => "/" + EscapeSegment(s)));

    /// <summary>RFC 6901: '~' first, so the '~' introduced for '/' is not escaped again.</summary>
    public static string EscapeSegment(string segment) =>
        segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string? StringAt(JsonObject node, string name) =>
        node.TryGetPropertyValue(name, out var value) && value is JsonValue scalar && scalar.TryGetValue<string>(out var text) ? text : null;
}
