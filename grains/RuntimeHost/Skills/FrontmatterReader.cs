using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SkillsOrleans.RuntimeHost.Skills;

/// <summary>
/// Reads the YAML frontmatter of a SKILL.md (between a leading <c>---</c> line and the next one) into plain .NET
/// values: <see cref="IReadOnlyDictionary{TKey,TValue}"/> for mappings, <see cref="IReadOnlyList{T}"/> for sequences,
/// strings for scalars. Flow collections cover JSON, and YAML's flow syntax also accepts the trailing commas and
/// unquoted keys that OpenClaw's JSON5 metadata blocks use.
/// </summary>
public static class FrontmatterReader
{
    public static IReadOnlyDictionary<string, object?> Read(string markdown)
    {
        var yaml = ExtractFrontmatter(markdown);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException error)
        {
            throw new SkillManifestException($"frontmatter is not valid YAML (line {error.Start.Line}): {FirstLine(error.Message)}");
        }
        catch (InvalidOperationException)
        {
            // The YAML scanner gives up on some malformed input this way; it is still just a broken file.
            throw new SkillManifestException("frontmatter is not valid YAML");
        }

        if (stream.Documents.Count == 0)
        {
            return new Dictionary<string, object?>();
        }

        return stream.Documents[0].RootNode is YamlMappingNode root
            ? (IReadOnlyDictionary<string, object?>)ToValue(root)!
            : throw new SkillManifestException("frontmatter must be a YAML mapping");
    }

    /// <summary>Parses a string that holds a JSON/JSON5 object (a <c>metadata</c> written as one quoted string).</summary>
    public static IReadOnlyDictionary<string, object?> ReadObjectLiteral(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(StripLineComments(text)));
        }
        catch (Exception error) when (error is YamlException or InvalidOperationException)
        {
            throw new SkillManifestException($"metadata is not a valid JSON5 object: {FirstLine(error.Message)}");
        }

        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode mapping
            ? (IReadOnlyDictionary<string, object?>)ToValue(mapping)!
            : throw new SkillManifestException("metadata must be an object");
    }

    private static string ExtractFrontmatter(string markdown)
    {
        var text = markdown.StartsWith('\uFEFF') ? markdown[1..] : markdown;
        using var lines = new StringReader(text);
        if (lines.ReadLine()?.TrimEnd() != "---")
        {
            throw new SkillManifestException("SKILL.md does not start with a '---' frontmatter block");
        }

        var body = new System.Text.StringBuilder();
        for (var line = lines.ReadLine(); line is not null; line = lines.ReadLine())
        {
            if (line.TrimEnd() == "---")
            {
                return body.ToString();
            }

            body.Append(line).Append('\n');
        }

        throw new SkillManifestException("frontmatter block is not closed by a '---' line");
    }

    private static object? ToValue(YamlNode node) => node switch
    {
        YamlMappingNode mapping => mapping.Children
            .Where(pair => pair.Key is YamlScalarNode)
            .GroupBy(pair => ((YamlScalarNode)pair.Key).Value ?? "", StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => ToValue(group.Last().Value), StringComparer.Ordinal),
        YamlSequenceNode sequence => sequence.Children.Select(ToValue).ToList(),
        YamlScalarNode scalar => scalar.Value,
        _ => null,
    };

    /// <summary>JSON5 allows <c>//</c> and <c>/* */</c> comments, which YAML does not; drop them outside quoted strings.</summary>
    private static string StripLineComments(string text)
    {
        var result = new System.Text.StringBuilder(text.Length);
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                result.Append(c);
                if (c == '\\' && i + 1 < text.Length)
                {
                    result.Append(text[++i]);
                }
                else if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                result.Append(c);
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }

                result.Append('\n');
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 1;
                result.Append(' ');
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}

/// <summary>A SKILL.md that cannot be read; the message says why and never quotes more than a line number.</summary>
public sealed class SkillManifestException(string message) : Exception(message);
