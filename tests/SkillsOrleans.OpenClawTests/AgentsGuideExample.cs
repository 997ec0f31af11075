using System.Text.Json;

namespace SkillsOrleans.OpenClawTests;

/// <summary>
/// The request-file example of docs/runtime/AGENTS.md (the block after its <c>request-file-example</c> marker), so
/// the tests drop exactly what agents are told to write into a real runtime host's workspace.
/// </summary>
internal static class AgentsGuideExample
{
    private const string Marker = "<!-- request-file-example";

    public static string RequestFileJson()
    {
        var guide = File.ReadAllText(Path.Combine(StartScript.RepositoryRoot(), "docs", "runtime", "AGENTS.md"));
        var marker = guide.IndexOf(Marker, StringComparison.Ordinal);
        if (marker < 0)
        {
            throw new InvalidOperationException("docs/runtime/AGENTS.md has no request-file-example marker");
        }

        var open = guide.IndexOf("```json\n", marker, StringComparison.Ordinal) + "```json\n".Length;
        var close = guide.IndexOf("\n```", open, StringComparison.Ordinal);
        var json = guide[open..close];
        using var _ = JsonDocument.Parse(json); // the example is valid JSON
        return json;
    }
}
