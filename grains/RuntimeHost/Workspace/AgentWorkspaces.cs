using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SkillsOrleans.RuntimeHost.OpenClaw;

namespace SkillsOrleans.RuntimeHost.Workspace;

/// <summary>
/// The workspaces of the gateway's other agents, as OpenClaw resolves them from openclaw.json: each agent of
/// <c>agents.entries</c> (or the older <c>agents.list</c>) works in its <c>workspace</c>, else in
/// <c>&lt;agents.defaults.workspace&gt;/&lt;id&gt;</c>, else in <c>&lt;state dir&gt;/workspace-&lt;id&gt;</c>; the default agent without
/// a workspace of its own works in the main one. Only workspaces other than the main one are listed; <c>~</c> is this
/// process's home, so the silo must see them at the paths the gateway uses.
/// </summary>
public static partial class AgentWorkspaces
{
    [GeneratedRegex(@"^[a-z0-9][a-z0-9_-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AgentIdPattern();

    public static IReadOnlyList<(string AgentId, string Directory)> Resolve(string? configText, string stateDir, string mainWorkspace)
    {
        var agents = OpenClawConfigJson.Parse(configText)["agents"] as JsonObject;
        var defaultsWorkspace = Text(agents?["defaults"]?["workspace"]);
        var main = Path.GetFullPath(mainWorkspace);
        var found = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (agentId, entry) in Entries(agents))
        {
            if (!AgentIdPattern().IsMatch(agentId) || entry is null)
            {
                continue;
            }

            var own = Text(entry["workspace"]);
            if (own is null && entry["default"]?.GetValueKind() == System.Text.Json.JsonValueKind.True)
            {
                continue;
            }

            var directory = Path.GetFullPath(Expand(own)
                ?? (defaultsWorkspace is not null ? Path.Combine(Expand(defaultsWorkspace)!, agentId) : Path.Combine(stateDir, $"workspace-{agentId}")));
            if (!string.Equals(directory.TrimEnd('/'), main.TrimEnd('/'), StringComparison.Ordinal))
            {
                found[agentId] = directory;
            }
        }

        return [.. found.Select(f => (f.Key, f.Value))];
    }

    private static IEnumerable<(string AgentId, JsonObject? Entry)> Entries(JsonObject? agents)
    {
        if (agents?["entries"] is JsonObject entries)
        {
            foreach (var (id, entry) in entries)
            {
                yield return (id, entry as JsonObject);
            }
        }

        if (agents?["list"] is JsonArray list)
        {
            foreach (var entry in list.OfType<JsonObject>())
            {
                if (Text(entry["id"]) is { } id)
                {
                    yield return (id, entry);
                }
            }
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } text ? text : null;

    private static string? Expand(string? path) =>
        path is not null && (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'))
            : path;
}
