using System.Globalization;

namespace SkillsOrleans.Benchmarks.Delivery;

/// <summary>Latencies of one kind of call, in milliseconds, with the percentiles a report needs.</summary>
public sealed class LatencySample(string name)
{
    private readonly List<double> _milliseconds = [];

    public string Name => name;

    public int Count
    {
        get
        {
            lock (_milliseconds)
            {
                return _milliseconds.Count;
            }
        }
    }

    public void Add(TimeSpan elapsed)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(elapsed.TotalMilliseconds);
        }
    }

    /// <summary>The nearest-rank percentile (0–100).</summary>
    public double Percentile(double percent)
    {
        lock (_milliseconds)
        {
            if (_milliseconds.Count == 0)
            {
                throw new InvalidOperationException($"{name}: nothing was measured.");
            }

            var sorted = _milliseconds.Order().ToList();
            var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
            return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
        }
    }

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {Count} | {Percentile(50):F1} | {Percentile(95):F1} | {Percentile(99):F1} | {Percentile(100):F1} |");
}
