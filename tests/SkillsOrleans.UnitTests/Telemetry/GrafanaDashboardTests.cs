using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using SkillsOrleans.Grains.Telemetry;

namespace SkillsOrleans.UnitTests.Telemetry;

/// <summary>
/// The Grafana dashboard under deploy/grafana charts the metrics the product really emits: every
/// <c>skillsorleans_*</c> series a panel queries is one of our instruments as Prometheus names it, and every
/// instrument appears on some panel.
/// </summary>
public sealed partial class GrafanaDashboardTests
{
    [Fact]
    public void Every_panel_queries_a_real_instrument_and_every_instrument_has_a_panel()
    {
        var instruments = PrometheusNamesOfOurInstruments();
        var queried = DashboardQueries()
            .SelectMany(expr => SeriesName().Matches(expr).Select(m => m.Value))
            .Select(name => HistogramSeries().Replace(name, ""))
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(instruments.Count >= 8, $"only {instruments.Count} instruments found");
        Assert.Empty(queried.Except(instruments));
        Assert.Empty(instruments.Except(queried));
    }

    /// <summary>How the Prometheus exporter names an instrument: dots to underscores, the unit, counters' _total.</summary>
    private static HashSet<string> PrometheusNamesOfOurInstruments()
    {
        RuntimeHelpers.RunClassConstructor(typeof(SkillsOrleansTelemetry).TypeHandle);
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == SkillsOrleansTelemetry.Name)
                {
                    var name = instrument.Name.Replace('.', '_') + (instrument.Unit == "s" ? "_seconds" : "");
                    names.Add(instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal) ? name + "_total" : name);
                }
            },
        };
        listener.Start();
        return names;
    }

    private static List<string> DashboardQueries()
    {
        var path = Path.Combine(RepositoryRoot(), "deploy", "grafana", "skillsorleans-fleet.json");
        using var dashboard = JsonDocument.Parse(File.ReadAllText(path));
        return dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .Select(target => target.GetProperty("expr").GetString()!)
            .ToList();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SkillsOrleans.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("SkillsOrleans.sln not found above the test directory.");
    }

    [GeneratedRegex(@"\bskillsorleans_[a-z_]+")]
    private static partial Regex SeriesName();

    [GeneratedRegex(@"_(bucket|count|sum)$")]
    private static partial Regex HistogramSeries();
}
