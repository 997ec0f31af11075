using System.Text;
using System.Text.RegularExpressions;

namespace SkillsOrleans.DeploymentTests.Compose;

/// <summary>
/// Compose's variable interpolation (compose-spec 12-interpolation.md): <c>$VAR</c>, <c>${VAR}</c>,
/// <c>${VAR:-default}</c>, <c>${VAR-default}</c>, <c>${VAR:?error}</c>, <c>${VAR?error}</c>, <c>${VAR:+replacement}</c>,
/// <c>${VAR+replacement}</c>, and <c>$$</c> for a literal <c>$</c>. Records every variable it meets.
/// </summary>
internal sealed partial class ComposeInterpolation(IReadOnlyDictionary<string, string> variables)
{
    private readonly HashSet<string> _referenced = new(StringComparer.Ordinal);

    public IReadOnlySet<string> Referenced => _referenced;

    /// <summary>The variables a text refers to, without resolving it.</summary>
    public static IReadOnlySet<string> VariablesIn(string text)
    {
        var interpolation = new ComposeInterpolation(new Dictionary<string, string>());
        interpolation.Resolve(text, lenient: true);
        return interpolation.Referenced;
    }

    public string Resolve(string text) => Resolve(text, lenient: false);

    private string Resolve(string text, bool lenient)
    {
        var result = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '$')
            {
                result.Append(c);
                i++;
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == '$')
            {
                result.Append('$');
                i += 2;
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = FindClosingBrace(text, i + 2)
                    ?? throw new FormatException($"unterminated '${{' in '{text}'");
                result.Append(Expand(text[(i + 2)..end], lenient));
                i = end + 1;
                continue;
            }

            var bare = BareName().Match(text, i + 1);
            if (bare.Success && bare.Index == i + 1)
            {
                result.Append(Lookup(bare.Value) ?? "");
                i += 1 + bare.Length;
                continue;
            }

            throw new FormatException($"invalid interpolation in '{text}': a lone '$' (write '$$' for a literal dollar)");
        }

        return result.ToString();
    }

    private string Expand(string expression, bool lenient)
    {
        var match = Expression().Match(expression);
        if (!match.Success)
        {
            throw new FormatException($"invalid interpolation '${{{expression}}}'");
        }

        var name = match.Groups["name"].Value;
        var value = Lookup(name);
        var colon = match.Groups["colon"].Success;
        var unset = colon ? string.IsNullOrEmpty(value) : value is null;
        var argument = match.Groups["argument"].Success ? Resolve(match.Groups["argument"].Value, lenient) : null;
        return match.Groups["operator"].Value switch
        {
            "" => value ?? "",
            "-" => unset ? argument! : value!,
            "+" => unset ? "" : argument!,
            "?" => !unset || lenient ? value ?? "" : throw new ComposeInterpolationException(name, argument!),
            _ => throw new FormatException($"invalid interpolation '${{{expression}}}'"),
        };
    }

    private string? Lookup(string name)
    {
        _referenced.Add(name);
        return variables.TryGetValue(name, out var value) ? value : null;
    }

    private static int? FindClosingBrace(string text, int start)
    {
        var depth = 1;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '{' && text[i - 1] == '$')
            {
                depth++;
            }
            else if (text[i] == '}' && --depth == 0)
            {
                return i;
            }
        }

        return null;
    }

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex BareName();

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<colon>:)?(?<operator>[-?+])(?<argument>.*))?$", RegexOptions.Singleline)]
    private static partial Regex Expression();
}

/// <summary>A required variable (<c>${VAR:?message}</c>) that is not set: Compose refuses the file with the message.</summary>
internal sealed class ComposeInterpolationException(string variable, string message)
    : Exception($"required variable {variable} is missing a value: {message}")
{
    public string Variable { get; } = variable;
}
