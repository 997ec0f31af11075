using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using SkillsOrleans.Model;

namespace SkillsOrleans.Grains.Telemetry;

/// <summary>
/// The grains' instruments and spans, under the product's meter and activity source name ("SkillsOrleans"; the
/// runtime host records its own under the same name). Instruments carry refs, runtime ids, actions, outcomes and
/// reason codes as tags — never a value, and never an unbounded free-text tag.
/// </summary>
public static class SkillsOrleansTelemetry
{
    public const string Name = TelemetryNames.SkillsOrleans;

    public static readonly ActivitySource Activities = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly ConcurrentDictionary<string, byte> RuntimesActiveHere = new(StringComparer.Ordinal);

    public static readonly Counter<long> CredentialOperations = Meter.CreateCounter<long>(
        "skillsorleans.credential_operations", "{operation}", "Submissions, rotations and revocations by outcome.");

    static SkillsOrleansTelemetry()
    {
        Meter.CreateObservableGauge(
            "skillsorleans.runtimes.online", () => RuntimesActiveHere.Keys.Select(r => new Measurement<int>(1, new KeyValuePair<string, object?>("runtime", r))),
            "{runtime}", "1 for each runtime whose grain is active on this silo (sum across silos for the fleet).");
    }

    public static void RuntimeActivated(string runtimeId) => RuntimesActiveHere[runtimeId] = 0;

    public static void RuntimeDeactivated(string runtimeId) => RuntimesActiveHere.TryRemove(runtimeId, out _);
}
