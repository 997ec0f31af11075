using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// Reading and writing openclaw.json. OpenClaw reads JSON5; of that, only what System.Text.Json reads without loss
/// is accepted here (JSON plus comments and trailing commas). Anything else (unquoted keys, single quotes, hex
/// numbers, duplicate names) is refused rather than guessed at, so a file this host cannot read faithfully is never
/// rewritten. Comments are dropped by a rewrite; numbers keep their exact text.
/// </summary>
internal static class OpenClawConfigJson
{
    private static readonly JsonDocumentOptions ReadOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        // OpenClaw's JSON5 parser keeps the last of two equal names; a rewrite could not say which one was meant.
        AllowDuplicateProperties = false,
        MaxDepth = 128,
    };

    private static readonly JsonWriterOptions WriteOptions = new()
    {
        Indented = true,
        // The file is read by config parsers, never embedded in HTML: keep '+', '<' and non-ASCII text readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The document's root object; an empty object for a missing or blank file.</summary>
    /// <exception cref="OpenClawConfigRejectedException">Not readable as JSON with comments, or not an object.</exception>
    public static JsonObject Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text.TrimStart('\uFEFF'), documentOptions: ReadOptions);
        }
        catch (JsonException error)
        {
            // The exception's message may quote the offending text; only the position is reported.
            throw new OpenClawConfigRejectedException(
                OpenClawConfigRejection.Unparseable,
                $"it is not JSON with comments and trailing commas at line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1} "
                + "(JSON5 such as unquoted keys, single quotes or duplicate names cannot be rewritten faithfully; quote the keys or fix the file)");
        }

        return root as JsonObject
            ?? throw new OpenClawConfigRejectedException(OpenClawConfigRejection.Unparseable, "its top level is not a JSON object");
    }

    /// <summary>Indented, with a final newline.</summary>
    public static string Serialize(JsonNode root)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriteOptions))
        {
            root.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
    }
}
