namespace SkillsOrleans.UnitTests.Telemetry;

/// <summary>
/// The alerting rules under deploy/prometheus watch series the product really emits. (promtool checks their syntax
/// and runs their unit tests in the deployment tests.)
/// </summary>
public sealed class PrometheusAlertsTests
{
    [Fact]
    public void Every_series_an_alert_or_its_tests_name_is_one_of_our_instruments()
    {
        var instruments = OurInstruments.PrometheusNames();
        var folder = Path.Combine(RepositoryFiles.Root(), "deploy", "prometheus");
        var rules = File.ReadAllText(Path.Combine(folder, "skillsorleans-alerts.yml"));
        var tests = File.ReadAllText(Path.Combine(folder, "skillsorleans-alerts.test.yml"));

        var named = OurInstruments.SeriesNamedIn(rules + tests);

        Assert.True(named.Count >= 6, $"only {named.Count} series named");
        Assert.Empty(named.Except(instruments));
    }
}
