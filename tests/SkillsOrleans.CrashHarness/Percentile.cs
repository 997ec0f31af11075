namespace SkillsOrleans.CrashHarness;

/// <summary>Nearest-rank percentiles of a small sample.</summary>
public static class Percentile
{
    public static double? Of(IReadOnlyCollection<double> values, double percent)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
