using SkillsOrleans.DeploymentTests.Support;

namespace SkillsOrleans.DeploymentTests.Prometheus;

/// <summary>
/// The alerting rules and the example Prometheus configuration under deploy/prometheus, checked by promtool, and the
/// rules' own unit tests (synthetic series in, expected alerts out) run by it.
/// </summary>
public sealed class PrometheusRulesTests
{
    private const string Folder = "deploy/prometheus";

    /// <summary>deploy/local/test.sh finds or extracts promtool and exports its path (deploy/local/lib/prerequisites.sh).</summary>
    private static string Promtool =>
        Environment.GetEnvironmentVariable("SKILLSORLEANS_PROMTOOL") is { Length: > 0 } path ? path : ProcessRunner.Require("promtool");

    [Fact]
    public async Task The_rules_are_valid()
    {
        var result = await ProcessRunner.RunAsync(Promtool, ["check", "rules", $"{Folder}/skillsorleans-alerts.yml"]);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("SUCCESS: 9 rules found", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_alert_fires_on_the_series_its_tests_describe_and_not_before()
    {
        var result = await ProcessRunner.RunAsync(Promtool, ["test", "rules", "skillsorleans-alerts.test.yml"], workingDirectory: Repository.PathOf(Folder));

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task The_example_configuration_is_valid_with_its_token_file_beside_it()
    {
        var folder = Directory.CreateTempSubdirectory("skillsorleans-prometheus-");
        try
        {
            foreach (var file in new[] { "prometheus.yml", "skillsorleans-alerts.yml" })
            {
                File.Copy(Repository.PathOf($"{Folder}/{file}"), Path.Combine(folder.FullName, file));
            }

            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "skillsorleans-scrape-token"), "test-scrape-token");
            var result = await ProcessRunner.RunAsync(Promtool, ["check", "config", Path.Combine(folder.FullName, "prometheus.yml")]);

            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Contains("SUCCESS: 1 rule files found", result.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Promtool_reports_a_broken_rule_and_a_wrong_expectation()
    {
        var folder = Directory.CreateTempSubdirectory("skillsorleans-prometheus-");
        try
        {
            var broken = Path.Combine(folder.FullName, "broken.yml");
            await File.WriteAllTextAsync(broken, "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: sum by (x (up)\n");
            var wrong = Path.Combine(folder.FullName, "wrong.test.yml");
            File.Copy(Repository.PathOf($"{Folder}/skillsorleans-alerts.yml"), Path.Combine(folder.FullName, "skillsorleans-alerts.yml"));
            await File.WriteAllTextAsync(wrong, """
                rule_files: [skillsorleans-alerts.yml]
                tests:
                  - interval: 1m
                    input_series:
                      - series: 'up{job="skillsorleans-api", instance="api:8080"}'
                        values: '1x10'
                    alert_rule_test:
                      - eval_time: 5m
                        alertname: SkillsOrleansTargetDown
                        exp_alerts: [{ exp_labels: { severity: critical, job: skillsorleans-api, instance: "api:8080" } }]
                """);

            var checkedRule = await ProcessRunner.RunAsync(Promtool, ["check", "rules", broken]);
            var tested = await ProcessRunner.RunAsync(Promtool, ["test", "rules", "wrong.test.yml"], workingDirectory: folder.FullName);

            Assert.NotEqual(0, checkedRule.ExitCode);
            Assert.NotEqual(0, tested.ExitCode);
            Assert.Contains("FAILED", tested.StandardOutput + tested.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
