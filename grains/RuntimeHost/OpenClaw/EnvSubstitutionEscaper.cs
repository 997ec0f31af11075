using System.Text;
using System.Text.RegularExpressions;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// OpenClaw replaces <c>${NAME}</c> (NAME upper-case, up to the first <c>}</c>) in every string of openclaw.json with
/// that environment variable, and turns <c>$${NAME}</c> into a literal <c>${NAME}</c>. A value written into the file
/// must survive that pass unchanged, so one more <c>$</c> goes in front of every <c>${NAME}</c> it contains. Inserting
/// only <c>$</c> characters never turns an invalid name valid, and a <c>$</c> followed by the inserted one is left
/// alone by OpenClaw, so the pass gives back exactly the original text.
/// </summary>
internal static partial class EnvSubstitutionEscaper
{
    [GeneratedRegex("^[A-Z_][A-Z0-9_]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex VariableName();

    public static string Escape(string value)
    {
        if (!value.Contains("${", StringComparison.Ordinal))
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            if (StartsReference(value, i))
            {
                escaped.Append('$');
            }

            escaped.Append(value[i]);
        }

        return escaped.ToString();
    }

    /// <summary>Whether <c>${NAME}</c> with a valid NAME starts at <paramref name="index"/>.</summary>
    private static bool StartsReference(string value, int index)
    {
        if (value[index] != '$' || index + 1 >= value.Length || value[index + 1] != '{')
        {
            return false;
        }

        var close = value.IndexOf('}', index + 2);
        return close > 0 && VariableName().IsMatch(value.AsSpan(index + 2, close - index - 2));
    }
}
