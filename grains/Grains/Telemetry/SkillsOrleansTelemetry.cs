using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SkillsOrleans.Grains.Telemetry;

/// <summary>
/// The product's own meter and activity source ("SkillsOrleans"). Instruments carry refs, runtime ids, actions,
/// outcomes and reason codes as tags — never a value, and never an unbounded free-text tag.
/// </summary>
public static class SkillsOrleansTelemetry
{
    public const string Name = "SkillsOrleans";

    public static readonly ActivitySource Activities = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly ConcurrentDictionary<string, (int Ok, int Broken)> SkillsByRuntime = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, byte> RuntimesActiveHere = new(StringComparer.Ordinal);

    public static readonly Counter<long> SkillCatalogsPublished = Meter.CreateCounter<long>(
        "skillsorleans.skill_catalog.published", "{catalog}", "Changed skill catalogs a runtime published to its account.");

    public static readonly Histogram<double> SkillScanDuration = Meter.CreateHistogram<double>(
        "skillsorleans.skill_scan.duration", "s", "How long a scan of a runtime's workspace skills took.");

    public static readonly Counter<long> CredentialRequests = Meter.CreateCounter<long>(
        "skillsorleans.credential_requests", "{request}", "Agents' request files, accepted or rejected (with the rejection code).");

    public static readonly Counter<long> CredentialOperations = Meter.CreateCounter<long>(
        "skillsorleans.credential_operations", "{operation}", "Submissions, rotations and revocations by outcome.");

    public static readonly Histogram<double> SecretWriteDuration = Meter.CreateHistogram<double>(
        "skillsorleans.secret_write.duration", "s", "Storing or withdrawing a value on the host: secret file and OpenClaw config.");

    public static readonly Histogram<double> GatewayReloadDuration = Meter.CreateHistogram<double>(
        "skillsorleans.gateway_reload.duration", "s", "One secrets.reload attempt against the OpenClaw gateway.");

    static SkillsOrleansTelemetry()
    {
        Meter.CreateObservableGauge(
            "skillsorleans.skills", () => SkillsByRuntime.SelectMany(r => new[]
            {
                new Measurement<int>(r.Value.Ok, new KeyValuePair<string, object?>("runtime", r.Key), new KeyValuePair<string, object?>("state", "ok")),
                new Measurement<int>(r.Value.Broken, new KeyValuePair<string, object?>("runtime", r.Key), new KeyValuePair<string, object?>("state", "broken")),
            }),
            "{skill}", "Skills in each runtime's workspace as last scanned on this silo.");
        Meter.CreateObservableGauge(
            "skillsorleans.runtimes.online", () => RuntimesActiveHere.Keys.Select(r => new Measurement<int>(1, new KeyValuePair<string, object?>("runtime", r))),
            "{runtime}", "1 for each runtime whose grain is active on this silo (sum across silos for the fleet).");
    }

    public static void SkillsScanned(string runtimeId, int ok, int broken) => SkillsByRuntime[runtimeId] = (ok, broken);

    public static void RuntimeActivated(string runtimeId) => RuntimesActiveHere[runtimeId] = 0;

    public static void RuntimeDeactivated(string runtimeId)
    {
        RuntimesActiveHere.TryRemove(runtimeId, out _);
        SkillsByRuntime.TryRemove(runtimeId, out _);
    }

    /// <summary>Seconds since <paramref name="startedAt"/> (a <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static double SecondsSince(long startedAt) => Stopwatch.GetElapsedTime(startedAt).TotalSeconds;
}
