namespace SkillsOrleans.DeploymentTests.Compose;

/// <summary>A Compose <c>.env</c> file: <c>NAME=value</c> lines, comments and blank lines.</summary>
internal static class EnvFile
{
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, number) in text.Split('\n').Select((line, index) => (line.TrimEnd('\r'), index + 1)))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"line {number}: expected NAME=value");
            }

            var name = trimmed[..equals];
            if (!values.TryAdd(name, trimmed[(equals + 1)..]))
            {
                throw new FormatException($"line {number}: {name} is set twice");
            }
        }

        return values;
    }
}
