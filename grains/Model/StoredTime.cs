namespace SkillsOrleans.Model;

/// <summary>
/// PostgreSQL keeps timestamps to the microsecond, .NET to 100 ns: a time held in memory and compared with its stored
/// copy is cut the same way first, so the two read equal before and after a restart.
/// </summary>
public static class StoredTime
{
    public static DateTimeOffset ToMicroseconds(this DateTimeOffset time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMicrosecond));
}
