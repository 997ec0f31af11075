using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using SkillsOrleans.Model;

namespace SkillsOrleans.RuntimeHost.Telemetry;

/// <summary>
/// The runtime host's instruments and spans, under the product's meter and activity source name
/// (<see cref="TelemetryNames.SkillsOrleans"/>): workspace scans, request files, secret writes and gateway reloads.
/// Instruments carry runtime ids, refs, outcomes and reason codes as tags — never a value, and never an unbounded
/// free-text tag.
/// </summary>
public static class RuntimeHostTelemetry
{
    public const string Name = TelemetryNames.SkillsOrleans;

    public static readonly ActivitySource Activities = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly ConcurrentDictionary<string, (int Ok, int Broken)> SkillsByRuntime = new(StringComparer.Ordinal);

    public static readonly Counter<long> SkillCatalogsPublished = Meter.CreateCounter<long>(
        "skillsorleans.skill_catalog.published", "{catalog}", "Changed skill catalogs a runtime published to its account.");

    public static readonly Histogram<double> SkillScanDuration = Meter.CreateHistogram<double>(
        "skillsorleans.skill_scan.duration", "s", "How long a scan of a runtime's workspace skills took.");

    public static readonly Counter<long> CredentialRequests = Meter.CreateCounter<long>(
        "skillsorleans.credential_requests", "{request}", "Agents' request files, accepted or rejected (with the rejection code).");

    public static readonly Counter<long> RequestFilesPruned = Meter.CreateCounter<long>(
        "skillsorleans.request_files.pruned", "{file}", "Filed request files (processed/ and failed/) deleted after the retention.");

    public static readonly Counter<long> WorkspaceScansCapped = Meter.CreateCounter<long>(
        "skillsorleans.workspace_scan.capped", "{scan}",
        "Workspace passes that stopped at a per-pass limit (request files or skill folders, tag 'limit') and left the rest for the next.");

    public static readonly Histogram<double> SecretWriteDuration = Meter.CreateHistogram<double>(
        "skillsorleans.secret_write.duration", "s", "Storing or withdrawing a value on the host: secret file and OpenClaw config.");

    /// <summary>
    /// The steps of storing a value on the host: <c>writer_wait</c> (the host files' one-writer lock),
    /// <c>owe_reload</c> (the owed-reload record, on disk once per pending reload), <c>secret_file</c> and <c>config</c>.
    /// </summary>
    public static readonly Histogram<double> SecretStoreStepDuration = Meter.CreateHistogram<double>(
        "skillsorleans.secret_store.step.duration", "s", "One step of storing a value on the host, by step.");

    public static readonly Histogram<double> GatewayReloadDuration = Meter.CreateHistogram<double>(
        "skillsorleans.gateway_reload.duration", "s", "One secrets.reload attempt against the OpenClaw gateway.");

    static RuntimeHostTelemetry()
    {
        Meter.CreateObservableGauge(
            "skillsorleans.skills", () => SkillsByRuntime.SelectMany(r => new[]
            {
                new Measurement<int>(r.Value.Ok, new KeyValuePair<string, object?>("runtime", r.Key), new KeyValuePair<string, object?>("state", "ok")),
                new Measurement<int>(r.Value.Broken, new KeyValuePair<string, object?>("runtime", r.Key), new KeyValuePair<string, object?>("state", "broken")),
            }),
            "{skill}", "Skills in each runtime's workspace as last scanned on this silo.");
    }

    public static StepTimer SecretStoreSteps() => new(SecretStoreStepDuration);

    /// <summary>A pass stopped at one of its limits: <c>request_files</c> or <c>skill_folders</c>.</summary>
    public static void ScanCapped(string runtimeId, string limit) =>
        WorkspaceScansCapped.Add(1, new KeyValuePair<string, object?>("runtime", runtimeId), new KeyValuePair<string, object?>("limit", limit));

    public static void SkillsScanned(string runtimeId, int ok, int broken) => SkillsByRuntime[runtimeId] = (ok, broken);

    /// <summary>The runtime's workspace is no longer watched here (its host is shutting down).</summary>
    public static void SkillsForgotten(string runtimeId) => SkillsByRuntime.TryRemove(runtimeId, out _);

    /// <summary>Seconds since <paramref name="startedAt"/> (a <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static double SecondsSince(long startedAt) => Stopwatch.GetElapsedTime(startedAt).TotalSeconds;
}
