using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using SkillsOrleans.Grains.Telemetry;
using SkillsOrleans.RuntimeHost.Telemetry;

namespace SkillsOrleans.UnitTests.Telemetry;

/// <summary>Our meter's instruments as Prometheus names them, for checking the dashboards and alerts that query them.</summary>
internal static partial class OurInstruments
{
    /// <summary>How the Prometheus exporter names an instrument: dots to underscores, the unit, counters' _total.</summary>
    public static HashSet<string> PrometheusNames()
    {
        // The grains, the runtime host, the cluster's TLS checks and the API's platform figures each record into a meter of this one name.
        RuntimeHelpers.RunClassConstructor(typeof(SkillsOrleansTelemetry).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(RuntimeHostTelemetry).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(ClientHosting.Security.ClusterTlsOptions).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(ClientHosting.Telemetry.WaitingKeysTelemetry).TypeHandle);
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

    /// <summary>The <c>skillsorleans_*</c> series a query or file names, histogram suffixes taken off (as instruments are named).</summary>
    public static HashSet<string> SeriesNamedIn(string text) =>
        SeriesName().Matches(text).Select(m => HistogramSeries().Replace(m.Value, "")).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\bskillsorleans_[a-z_]+")]
    private static partial Regex SeriesName();

    [GeneratedRegex(@"_(bucket|count|sum)$")]
    private static partial Regex HistogramSeries();
}
