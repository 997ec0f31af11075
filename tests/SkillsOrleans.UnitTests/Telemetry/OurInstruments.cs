using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using SkillsOrleans.Grains.Telemetry;

namespace SkillsOrleans.UnitTests.Telemetry;

/// <summary>Our meter's instruments as Prometheus names them, for checking the dashboards and alerts that query them.</summary>
internal static class OurInstruments
{
    /// <summary>How the Prometheus exporter names an instrument: dots to underscores, the unit, counters' _total.</summary>
    public static HashSet<string> PrometheusNames()
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
}
