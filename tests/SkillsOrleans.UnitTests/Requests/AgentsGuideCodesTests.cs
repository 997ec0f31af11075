using System.Text.RegularExpressions;
using SkillsOrleans.RuntimeHost.Requests;

namespace SkillsOrleans.UnitTests.Requests;

/// <summary>The codes an agent reads in a request's <c>.error.json</c> are the codes its guide explains.</summary>
public sealed partial class AgentsGuideCodesTests
{
    [Fact]
    public void The_agents_guide_explains_every_code_the_host_writes_and_no_other()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryFiles.Root(), "docs", "runtime", "AGENTS.md"));
        var rows = guide[guide.IndexOf("<!-- request-rejection-codes:", StringComparison.Ordinal)..].Split('\n')
            .Select(line => line.Trim())
            .SkipWhile(line => !line.StartsWith('|'))
            .TakeWhile(line => line.StartsWith('|'))
            .Skip(2) // header and separator
            .ToList();
        var documented = rows.Select(row => CodeCell().Match(row).Groups["code"].Value).ToHashSet(StringComparer.Ordinal);
        var written = Enum.GetValues<RequestRejection>().Select(RequestRejectedException.ToCode).ToHashSet(StringComparer.Ordinal);

        Assert.True(written.SetEquals(documented),
            $"written but not explained: [{string.Join(", ", written.Except(documented))}]; explained but never written: [{string.Join(", ", documented.Except(written))}]");
    }

    [GeneratedRegex(@"^\| `(?<code>[a-z_]+)` \|", RegexOptions.CultureInvariant)]
    private static partial Regex CodeCell();
}
