using System.Collections.Concurrent;

namespace SkillsOrleans.CrashHarness;

/// <summary>Kills that really ended a process, by kind (<c>runtime-silo</c>, <c>core-silo</c>, <c>api</c>, <c>postgres</c>, <c>crash-point:&lt;name&gt;</c>).</summary>
public sealed class KillTally
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public static string KindName(NodeKind kind) => kind switch
    {
        NodeKind.CoreSilo => "core-silo",
        NodeKind.RuntimeSilo => "runtime-silo",
        NodeKind.Api => "api",
        NodeKind.Postgres => "postgres",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string CrashPointName(string point) => "crash-point:" + point;

    public void Count(string kind) => _counts.AddOrUpdate(kind, 1, (_, count) => count + 1);

    public int this[string kind] => _counts.GetValueOrDefault(kind);

    public SortedDictionary<string, int> Snapshot() => new(_counts, StringComparer.Ordinal);
}
