using System.Text.RegularExpressions;
using SkillsOrleans.DeploymentTests.Support;

namespace SkillsOrleans.DeploymentTests.Dockerfiles;

/// <summary>One instruction of a Dockerfile: its keyword, its arguments (continuation lines joined) and its line.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Line, int Stage);

/// <summary>
/// A Dockerfile read the way BuildKit reads it for the rules we check: comments and blank lines dropped, lines ending in
/// a backslash joined, parser directives skipped, each instruction numbered by the build stage it belongs to.
/// </summary>
internal sealed partial class DockerfileSource
{
    private DockerfileSource(string path, IReadOnlyList<DockerInstruction> instructions)
    {
        Path = path;
        Instructions = instructions;
    }

    public string Path { get; }

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    public static IReadOnlyList<string> All { get; } =
        [.. Repository.FilesUnder("deploy", "*Dockerfile")];

    public int FinalStage => Instructions.Max(instruction => instruction.Stage);

    public IEnumerable<DockerInstruction> Named(string keyword) =>
        Instructions.Where(instruction => instruction.Keyword == keyword);

    public static DockerfileSource Load(string relativePath) => Parse(relativePath, Repository.Read(relativePath));

    public static DockerfileSource Parse(string path, string text)
    {
        var instructions = new List<DockerInstruction>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var stage = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var start = i + 1;
            var joined = line;
            while (joined.EndsWith('\\') && i + 1 < lines.Length)
            {
                joined = joined[..^1];
                i++;
                var next = lines[i].Trim();
                if (!next.StartsWith('#'))
                {
                    joined += " " + next;
                }
            }

            var match = InstructionPattern().Match(joined);
            if (!match.Success)
            {
                throw new FormatException($"{path}:{start}: not an instruction: {joined}");
            }

            var keyword = match.Groups["keyword"].Value.ToUpperInvariant();
            if (keyword == "FROM")
            {
                stage++;
            }

            instructions.Add(new DockerInstruction(keyword, match.Groups["arguments"].Value.Trim(), start, stage));
        }

        return new DockerfileSource(path, instructions);
    }

    /// <summary>The default value of an ARG declared in the file.</summary>
    public string? ArgDefault(string name) =>
        Named("ARG").Select(arg => arg.Arguments.Split('=', 2)).Where(parts => parts[0] == name && parts.Length == 2)
            .Select(parts => parts[1].Trim('"')).FirstOrDefault();

    /// <summary>The port the final stage's ASP.NET Core host listens on (ENV Urls=http://+:PORT).</summary>
    public int ListenPort() =>
        Named("ENV").Where(env => env.Stage == FinalStage).Select(env => UrlsPort().Match(env.Arguments))
            .Where(match => match.Success).Select(match => int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Single();

    [GeneratedRegex(@"^(?<keyword>[A-Za-z]+)(\s+(?<arguments>.*))?$", RegexOptions.Singleline)]
    private static partial Regex InstructionPattern();

    [GeneratedRegex(@"\bUrls=http://\+:(?<port>[0-9]+)")]
    private static partial Regex UrlsPort();
}
