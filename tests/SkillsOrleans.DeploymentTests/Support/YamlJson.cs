using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SkillsOrleans.DeploymentTests.Support;

/// <summary>
/// Reads YAML documents into JSON nodes the way Compose and Kubernetes read them: merge keys (<c>&lt;&lt;</c>) resolved,
/// duplicate keys refused, plain scalars typed by the YAML 1.2 core schema (null, booleans, numbers), quoted ones kept
/// as strings. An optional transform sees every string value first (Compose interpolation).
/// </summary>
internal static partial class YamlJson
{
    public static IReadOnlyList<JsonNode?> ReadAll(string yaml, Func<string, string>? transformString = null)
    {
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(new StringReader(yaml))));
        return [.. stream.Documents.Select(document => Convert(document.RootNode, transformString))];
    }

    public static JsonObject ReadObject(string yaml, Func<string, string>? transformString = null) =>
        ReadAll(yaml, transformString) is [JsonObject single]
            ? single
            : throw new InvalidDataException("expected one YAML document holding a mapping");

    private static JsonNode? Convert(YamlNode node, Func<string, string>? transformString) => node switch
    {
        YamlMappingNode mapping => ConvertMapping(mapping, transformString),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(child => Convert(child, transformString))]),
        YamlScalarNode scalar => ConvertScalar(scalar, transformString),
        _ => throw new InvalidDataException($"unexpected YAML node {node.NodeType}"),
    };

    private static JsonObject ConvertMapping(YamlMappingNode mapping, Func<string, string>? transformString)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            var name = key is YamlScalarNode { Value: { } text } ? text : throw new InvalidDataException($"non-scalar key at {key.Start}");
            if (result.ContainsKey(name))
            {
                throw new InvalidDataException($"duplicate key '{name}' at {key.Start}");
            }

            result[name] = Convert(value, transformString);
        }

        return result;
    }

    private static JsonValue? ConvertScalar(YamlScalarNode scalar, Func<string, string>? transformString)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(transformString is null ? text : transformString(text));
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(text.Equals("true", StringComparison.OrdinalIgnoreCase));
        }

        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(transformString is null ? text : transformString(text));
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
