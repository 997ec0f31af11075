namespace SkillsOrleans.CrashHarness;

/// <summary>One round's chaos: a process of <see cref="Kind"/> killed, or (with <see cref="CrashPoint"/>) a silo armed with that point.</summary>
public sealed record ChaosEvent(NodeKind Kind, string? CrashPoint)
{
    public override string ToString() => CrashPoint is null ? KillTally.KindName(Kind) : $"{KillTally.KindName(Kind)} armed with {CrashPoint}";

    /// <summary>
    /// <paramref name="count"/> events cycling through the five kinds (each cycle shuffled), the crash points taken in
    /// turn: a host point arms a runtime silo (only it writes the host's files), a credential point a core silo.
    /// </summary>
    public static IReadOnlyList<ChaosEvent> Plan(int count, IReadOnlyList<string> crashPoints, Random random)
    {
        var plan = new List<ChaosEvent>();
        var nextPoint = 0;
        while (plan.Count < count)
        {
            string?[] cycle = ["runtime", "core", "api", "postgres", crashPoints.Count > 0 ? "crash" : null];
            foreach (var kind in cycle.OfType<string>().OrderBy(_ => random.Next()))
            {
                if (plan.Count == count)
                {
                    break;
                }

                plan.Add(kind switch
                {
                    "runtime" => new ChaosEvent(NodeKind.RuntimeSilo, null),
                    "core" => new ChaosEvent(NodeKind.CoreSilo, null),
                    "api" => new ChaosEvent(NodeKind.Api, null),
                    "postgres" => new ChaosEvent(NodeKind.Postgres, null),
                    _ => Armed(crashPoints[nextPoint++ % crashPoints.Count]),
                });
            }
        }

        return plan;
    }

    private static ChaosEvent Armed(string point) =>
        new(CrashPointVariables.IsHostPoint(point) ? NodeKind.RuntimeSilo : NodeKind.CoreSilo, point);
}
