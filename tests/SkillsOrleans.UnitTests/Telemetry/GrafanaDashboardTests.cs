using System.Text.Json;

namespace SkillsOrleans.UnitTests.Telemetry;

/// <summary>
/// The Grafana dashboard under deploy/grafana charts the metrics the product really emits: every
/// <c>skillsorleans_*</c> series a panel queries is one of our instruments as Prometheus names it, and every
/// instrument appears on some panel.
/// </summary>
public sealed class GrafanaDashboardTests
{
    [Fact]
    public void Every_panel_queries_a_real_instrument_and_every_instrument_has_a_panel()
    {
        var instruments = OurInstruments.PrometheusNames();
        var queried = OurInstruments.SeriesNamedIn(string.Join('\n', DashboardQueries()));

        Assert.True(instruments.Count >= 8, $"only {instruments.Count} instruments found");
        Assert.Empty(queried.Except(instruments));
        Assert.Empty(instruments.Except(queried));
    }

    private static List<string> DashboardQueries()
    {
        var path = Path.Combine(RepositoryFiles.Root(), "deploy", "grafana", "skillsorleans-fleet.json");
        using var dashboard = JsonDocument.Parse(File.ReadAllText(path));
        return dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .Select(target => target.GetProperty("expr").GetString()!)
            .ToList();
    }
}
