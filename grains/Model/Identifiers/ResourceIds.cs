using System.Text.RegularExpressions;

namespace SkillsOrleans.Model.Identifiers;

/// <summary>The grammars of every identifier that crosses a boundary (URL, grain key, file path).</summary>
public static partial class ResourceIds
{
    /// <summary>Account slugs and runtime ids: lower-case, DNS-label-like, so they are safe in paths and URLs.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    /// <summary>OpenClaw's environment-variable grammar for key names.</summary>
    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,127}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyNamePattern();

    /// <summary>Skill keys as OpenClaw names them; no separators, so a key can never climb out of a directory.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SkillKeyPattern();

    /// <summary>JWT subjects (Clerk user ids, dev users): printable, no whitespace, bounded.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.@|:-]{0,254}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SubjectPattern();

    public static bool IsAccountId(string? value) => value is not null && SlugPattern().IsMatch(value);

    public static bool IsRuntimeId(string? value) => value is not null && SlugPattern().IsMatch(value);

    public static bool IsKeyName(string? value) => value is not null && KeyNamePattern().IsMatch(value);

    public static bool IsSkillKey(string? value) =>
        value is not null && SkillKeyPattern().IsMatch(value) && !value.Contains("..", StringComparison.Ordinal);

    public static bool IsSubject(string? value) => value is not null && SubjectPattern().IsMatch(value);

    public static string RequireAccountId(string? value) =>
        IsAccountId(value) ? value! : throw new ArgumentException($"'{Printable(value)}' is not a valid account id.", nameof(value));

    public static string RequireRuntimeId(string? value) =>
        IsRuntimeId(value) ? value! : throw new ArgumentException($"'{Printable(value)}' is not a valid runtime id.", nameof(value));

    public static string RequireSubject(string? value) =>
        IsSubject(value) ? value! : throw new ArgumentException($"'{Printable(value)}' is not a valid subject.", nameof(value));

    /// <summary>Bounded, control-free rendering of untrusted input for error messages.</summary>
    public static string Printable(string? value)
    {
        if (value is null)
        {
            return "(null)";
        }

        var clipped = value.Length > 80 ? value[..80] + "…" : value;
        return new string([.. clipped.Select(c => char.IsControl(c) ? '?' : c)]);
    }
}
