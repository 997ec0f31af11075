using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SkillsOrleans.Model;

/// <summary>
/// Times the consecutive steps of one operation into a histogram tagged <c>step</c>: each <see cref="Mark"/> records
/// the time since the previous mark (or since the timer was made). A step that throws records nothing, so the
/// histograms break down the operations that got that far. Where the time of a whole operation goes is read from the
/// sums and counts of its steps (docs/observability.md).
/// </summary>
public sealed class StepTimer(Histogram<double> histogram)
{
    private long _last = Stopwatch.GetTimestamp();

    public void Mark(string step)
    {
        var now = Stopwatch.GetTimestamp();
        histogram.Record(Stopwatch.GetElapsedTime(_last, now).TotalSeconds, new KeyValuePair<string, object?>("step", step));
        _last = now;
    }
}
