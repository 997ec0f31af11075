using System.Buffers;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using SkillsOrleans.Model.Identifiers;
using Keys = System.Collections.Immutable.ImmutableSortedDictionary<string, string>;
using SkillSecrets = System.Collections.Immutable.ImmutableSortedDictionary<string, System.Collections.Immutable.ImmutableSortedDictionary<string, string>>;

namespace SkillsOrleans.RuntimeHost.Secrets;

/// <summary>
/// The on-disk form: <c>{ "account": { "skillKey": { "KEY_NAME": "value" } } }</c>, exactly the nesting an
/// OpenClaw file provider in json mode resolves the pointer <c>/account/skillKey/KEY_NAME</c> against.
/// Parsing is strict (one shape, valid names, string values within the value rules, no duplicate names) and its
/// problems name positions and rules, never content read from the file.
/// </summary>
internal static class SecretFileFormat
{
    private static readonly JsonDocumentOptions ReadOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 8,
    };

    private static readonly JsonWriterOptions WriteOptions = new()
    {
        Indented = true,
        // The file is read by JSON parsers only, never embedded in HTML, so characters such as '+' (common in
        // keys) stay readable instead of becoming \u002B. Control characters are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static bool TryParse(ReadOnlyMemory<byte> utf8, [NotNullWhen(true)] out SecretDocument? document, [NotNullWhen(false)] out string? problem)
    {
        document = null;
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(utf8, ReadOptions);
        }
        catch (JsonException error)
        {
            // The exception's message may quote the offending bytes; only the position is reported.
            problem = $"it is not valid JSON (line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1})";
            return false;
        }

        using (parsed)
        {
            problem = TryReadAccounts(parsed.RootElement, out var accounts);
            if (problem is not null)
            {
                return false;
            }

            document = SecretDocument.From(accounts!);
            return true;
        }
    }

    public static byte[] Serialize(SecretDocument document)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriteOptions))
        {
            writer.WriteStartObject();
            foreach (var (account, skills) in document.Accounts)
            {
                writer.WriteStartObject(account);
                foreach (var (skillKey, keys) in skills)
                {
                    writer.WriteStartObject(skillKey);
                    foreach (var (keyName, value) in keys)
                    {
                        writer.WriteString(keyName, value);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        byte[] bytes = [.. buffer.WrittenSpan, (byte)'\n'];
        buffer.Clear(); // zeroes the intermediate copy of the values
        return bytes;
    }

    private static string? TryReadAccounts(JsonElement root, out ImmutableSortedDictionary<string, SkillSecrets>? accounts)
    {
        accounts = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "its top level is not a JSON object of accounts";
        }

        var builder = ImmutableSortedDictionary.CreateBuilder<string, SkillSecrets>(StringComparer.Ordinal);
        foreach (var account in root.EnumerateObject())
        {
            if (!ResourceIds.IsAccountId(account.Name))
            {
                return "one of its top-level names is not a valid account id";
            }

            if (builder.ContainsKey(account.Name))
            {
                return $"account '{account.Name}' appears more than once";
            }

            var problem = TryReadSkills(account.Name, account.Value, out var skills);
            if (problem is not null)
            {
                return problem;
            }

            builder.Add(account.Name, skills!);
        }

        accounts = builder.ToImmutable();
        return null;
    }

    private static string? TryReadSkills(string account, JsonElement element, out SkillSecrets? skills)
    {
        skills = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return $"account '{account}' is not a JSON object of skills";
        }

        var builder = ImmutableSortedDictionary.CreateBuilder<string, Keys>(StringComparer.Ordinal);
        foreach (var skill in element.EnumerateObject())
        {
            if (!ResourceIds.IsSkillKey(skill.Name))
            {
                return $"a name under account '{account}' is not a valid skill key";
            }

            if (builder.ContainsKey(skill.Name))
            {
                return $"skill '{account}/{skill.Name}' appears more than once";
            }

            var problem = TryReadKeys(account, skill.Name, skill.Value, out var keys);
            if (problem is not null)
            {
                return problem;
            }

            builder.Add(skill.Name, keys!);
        }

        skills = builder.ToImmutable();
        return null;
    }

    private static string? TryReadKeys(string account, string skillKey, JsonElement element, out Keys? keys)
    {
        keys = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return $"skill '{account}/{skillKey}' is not a JSON object of key names";
        }

        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var key in element.EnumerateObject())
        {
            if (!ResourceIds.IsKeyName(key.Name))
            {
                return $"a name under skill '{account}/{skillKey}' is not a valid key name";
            }

            var location = $"{account}/{skillKey}/{key.Name}";
            if (builder.ContainsKey(key.Name))
            {
                return $"key '{location}' appears more than once";
            }

            if (key.Value.ValueKind != JsonValueKind.String)
            {
                return $"the value of '{location}' is not a JSON string";
            }

            string value;
            try
            {
                value = key.Value.GetString()!;
            }
            catch (InvalidOperationException)
            {
                return $"the value of '{location}' is not valid Unicode text";
            }

            var problem = SecretValueRules.Problem(value);
            if (problem is not null)
            {
                return $"the value of '{location}' {problem}";
            }

            builder.Add(key.Name, value);
        }

        keys = builder.ToImmutable();
        return null;
    }
}
