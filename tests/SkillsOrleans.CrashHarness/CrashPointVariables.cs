namespace SkillsOrleans.CrashHarness;

/// <summary>The environment variables that make a silo kill itself (SIGKILL) at a named point between two steps.</summary>
public static class CrashPointVariables
{
    /// <summary>Comma-separated point names, or <c>*</c> for all.</summary>
    public const string Points = "SKILLSORLEANS_CRASH_POINTS";

    /// <summary>The probability (0..1) that reaching a listed point kills the process; 1 when unset.</summary>
    public const string Chance = "SKILLSORLEANS_CRASH_CHANCE";

    public static Dictionary<string, string> For(string point, double chance) => new()
    {
        [Points] = point,
        [Chance] = chance.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Points reached on the runtime host itself (its secret file and openclaw.json), the others in a credential grain.</summary>
    public static bool IsHostPoint(string point) => point.StartsWith("host.", StringComparison.Ordinal);
}
