using System.Text;
using System.Text.RegularExpressions;

namespace SkillsOrleans.DeploymentTests.Dockerfiles;

/// <summary>
/// A .dockerignore as BuildKit applies it: patterns relative to the context root, <c>*</c> and <c>?</c> within one
/// path segment, <c>**</c> across segments, a match on a folder excluding what is inside, <c>!</c> re-including,
/// the last matching line deciding.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly IReadOnlyList<(Regex Pattern, bool Exclude)> _rules;

    private DockerIgnore(IReadOnlyList<(Regex, bool)> rules) => _rules = rules;

    public static DockerIgnore Parse(string text) => new(
        [.. text.Split('\n').Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.StartsWith('!') ? (ToRegex(line[1..]), false) : (ToRegex(line), true))]);

    /// <summary>Whether a path (relative to the context, forward slashes) is left out of the build context.</summary>
    public bool Excludes(string path)
    {
        var parts = path.Trim('/').Split('/');
        var excluded = false;
        for (var length = 1; length <= parts.Length; length++)
        {
            var candidate = string.Join('/', parts.Take(length));
            foreach (var (pattern, exclude) in _rules)
            {
                if (pattern.IsMatch(candidate))
                {
                    excluded = exclude;
                }
            }

            if (excluded)
            {
                return true;
            }
        }

        return excluded;
    }

    private static Regex ToRegex(string pattern)
    {
        var text = pattern.Trim('/');
        var regex = new StringBuilder("^");
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '*' && i + 1 < text.Length && text[i + 1] == '*')
            {
                regex.Append(".*");
                i++;
                if (i + 1 < text.Length && text[i + 1] == '/')
                {
                    regex.Append("/?");
                    i++;
                }
            }
            else
            {
                regex.Append(text[i] switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    var c => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
