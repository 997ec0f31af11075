namespace SkillsOrleans.CrashHarness;

/// <summary>Timestamps for the run's log lines.</summary>
public static class Clock
{
    public static string Now => DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
}
