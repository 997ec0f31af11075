using System.Globalization;
using SkillsOrleans.CrashHarness;

namespace SkillsOrleans.StackBench;

/// <summary>
/// Where a delivery's time goes, from the stack's own instruments: the sums and counts of the delivery step
/// histograms (docs/observability.md) and of the API's time on the delivery route, scraped from every process's
/// <c>/metrics</c> before and after a phase. Means only: a histogram's sum and count say nothing of the tail.
/// </summary>
public sealed class StepBreakdown
{
    private const string Delivery = "skillsorleans_credential_delivery_step_duration_seconds";
    private const string HostStore = "skillsorleans_secret_store_step_duration_seconds";
    private const string ApiTime = "http_server_request_duration_seconds";
    private const string DeliveryRoute = "/{runtime}/{skillKey}/{keyName}";

    private readonly Dictionary<string, (double Seconds, long Count)> _totals;

    private StepBreakdown(Dictionary<string, (double Seconds, long Count)> totals) => _totals = totals;

    /// <summary>The figures, as "metric step" → (seconds, count), summed over every process that answered.</summary>
    public static async Task<StepBreakdown> ScrapeAsync(HttpClient http, IEnumerable<ClusterNode> nodes)
    {
        var totals = new Dictionary<string, (double Seconds, long Count)>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var text = await http.GetStringAsync(new Uri(node.Url, "/metrics"));
            foreach (var line in text.Split('\n'))
            {
                if (Parse(line) is not { } sample)
                {
                    continue;
                }

                var (seconds, count) = totals.GetValueOrDefault(sample.Key);
                totals[sample.Key] = sample.IsCount ? (seconds, count + (long)sample.Value) : (seconds + sample.Value, count);
            }
        }

        return new StepBreakdown(totals);
    }

    /// <summary>Each step's mean over what happened between <paramref name="before"/> and this scrape.</summary>
    public IReadOnlyList<StepFigure> Since(StepBreakdown before) =>
    [
        .. _totals
            .Select(step => (step.Key, Seconds: step.Value.Seconds - before.Seconds(step.Key), Count: step.Value.Count - before.Count(step.Key)))
            .Where(step => step.Count > 0)
            .Select(step => new StepFigure(step.Key, step.Count, step.Seconds * 1000 / step.Count)),
    ];

    private double Seconds(string key) => _totals.GetValueOrDefault(key).Seconds;

    private long Count(string key) => _totals.GetValueOrDefault(key).Count;

    /// <summary>A <c>_sum</c> or <c>_count</c> line of one of the histograms read here, or null.</summary>
    private static (string Key, bool IsCount, double Value)? Parse(string line)
    {
        var labelsStart = line.IndexOf('{', StringComparison.Ordinal);
        var labelsEnd = line.LastIndexOf('}');
        if (labelsStart < 0 || labelsEnd < labelsStart)
        {
            return null;
        }

        var name = line[..labelsStart];
        var isCount = name.EndsWith("_count", StringComparison.Ordinal);
        if (!isCount && !name.EndsWith("_sum", StringComparison.Ordinal))
        {
            return null;
        }

        var metric = name[..name.LastIndexOf('_')];
        var labels = line[(labelsStart + 1)..labelsEnd];
        string? key = metric switch
        {
            Delivery => $"grain {Label(labels, "step")}",
            HostStore => $"host files {Label(labels, "step")}",
            ApiTime when Label(labels, "http_request_method") == "POST"
                && Label(labels, "http_route")?.EndsWith(DeliveryRoute, StringComparison.Ordinal) == true
                && Label(labels, "http_response_status_code") == "200" => "api delivery route",
            _ => null,
        };
        var valueText = line[(labelsEnd + 1)..].Trim().Split(' ')[0];
        return key is null || !double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? null
            : (key, isCount, value);
    }

    private static string? Label(string labels, string name)
    {
        var start = labels.IndexOf(name + "=\"", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += name.Length + 2;
        var end = labels.IndexOf('"', start);
        return end < 0 ? null : labels[start..end];
    }
}

/// <summary>One step's mean over a phase: "grain prepare", "host files secret_file", "api delivery route"…</summary>
public sealed record StepFigure(string Step, long Count, double MeanMilliseconds);
