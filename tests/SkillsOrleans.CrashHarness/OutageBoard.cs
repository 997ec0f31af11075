using System.Collections.Concurrent;

namespace SkillsOrleans.CrashHarness;

/// <summary>Which processes are down on purpose right now (killed and not yet healthy again).</summary>
public sealed class OutageBoard
{
    private readonly ConcurrentDictionary<string, NodeKind> _down = new(StringComparer.Ordinal);

    public void MarkDown(ClusterNode node) => _down[node.Name] = node.Kind;

    public void MarkUp(ClusterNode node) => _down.TryRemove(node.Name, out _);

    public bool IsDown(ClusterNode node) => _down.ContainsKey(node.Name);

    public bool AnyApiDown => _down.Values.Any(kind => kind == NodeKind.Api);
}
