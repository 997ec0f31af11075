using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using SkillsOrleans.Contracts.Credentials;
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

    private static readonly ConcurrentDictionary<string, int> UnresolvedDriftByRuntime = new(StringComparer.Ordinal);

    public static readonly Counter<long> CredentialOperations = Meter.CreateCounter<long>(
        "skillsorleans.credential_operations", "{operation}", "Submissions, rotations and revocations by outcome.");

    /// <summary>
    /// The steps of one delivery, each timed once it is done: in the credential grain <c>authorize</c> (the runtime
    /// directory's binding), <c>prepare</c> and <c>commit</c> (the calls to the host, hops included), <c>audit</c>,
    /// <c>save</c> (the credential's state) and <c>index</c> (the account's index); in the runtime grain
    /// <c>host.open</c> (unsealing), <c>host.fingerprint</c>, <c>host.store</c> (the host's files) and
    /// <c>host.managed_state</c> (what the config manages, in the runtime's state).
    /// </summary>
    public static readonly Histogram<double> DeliveryStepDuration = Meter.CreateHistogram<double>(
        "skillsorleans.credential_delivery.step.duration", "s", "One step of a key delivery, by step.");

    public static readonly Counter<long> HostDrifts = Meter.CreateCounter<long>(
        "skillsorleans.host_drift", "{credential}",
        "Credentials a reconciliation found apart from their host's secret file, by what was done (repair).");

    public static readonly Counter<long> RuntimeIdentityRefusals = Meter.CreateCounter<long>(
        "skillsorleans.runtime_identity.refused", "{claim}",
        "Runtime host claims placement refused: claimed without proof (unproven), or proven by several silos (duplicate).");

    public static readonly Counter<long> RuntimeDeactivations = Meter.CreateCounter<long>(
        "skillsorleans.runtime_deactivations", "{deactivation}",
        "Runtime grains Orleans began to deactivate on this silo, by reason (shutting-down on the silo's own stop).");

    static SkillsOrleansTelemetry()
    {
        Meter.CreateObservableGauge(
            "skillsorleans.runtimes.online", () => RuntimesActiveHere.Keys.Select(r => new Measurement<int>(1, new KeyValuePair<string, object?>("runtime", r))),
            "{runtime}", "1 for each runtime whose grain is active on this silo (sum across silos for the fleet).");
        Meter.CreateObservableGauge(
            "skillsorleans.host_drift.unresolved",
            () => UnresolvedDriftByRuntime.Select(r => new Measurement<int>(r.Value, new KeyValuePair<string, object?>("runtime", r.Key))),
            "{credential}", "Credentials the last reconciliation pass of a runtime hosted here could not bring in step.");
    }

    public static StepTimer DeliverySteps() => new(DeliveryStepDuration);

    /// <param name="reason">Orleans' reason code, as a tag: <c>DirectoryFailure</c> becomes <c>directory-failure</c>.</param>
    public static void RuntimeDeactivating(string runtimeId, string reason) =>
        RuntimeDeactivations.Add(1,
            new KeyValuePair<string, object?>("runtime", runtimeId),
            new KeyValuePair<string, object?>("reason", KebabCase(reason)));

    private static string KebabCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    public static void RuntimeIdentityRefused(string kind) =>
        RuntimeIdentityRefusals.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public static void HostDriftFound(HostDrift drift) =>
        HostDrifts.Add(1, new KeyValuePair<string, object?>("repair", DriftName(drift)));

    /// <summary>The drift as tags, health and docs name it: <c>adopted-host-value</c>, <c>unknown-to-cluster</c>…</summary>
    public static string DriftName(HostDrift drift) => drift switch
    {
        HostDrift.InStep => "in-step",
        HostDrift.AdoptedHostValue => "adopted-host-value",
        HostDrift.WithdrewFromHost => "withdrew-from-host",
        HostDrift.RecordedAsRevoked => "recorded-as-revoked",
        HostDrift.UnknownToCluster => "unknown-to-cluster",
        _ => "unknown",
    };

    public static void RuntimeActivated(string runtimeId) => RuntimesActiveHere[runtimeId] = 0;

    public static void RuntimeDeactivated(string runtimeId)
    {
        RuntimesActiveHere.TryRemove(runtimeId, out _);
        UnresolvedDriftByRuntime.TryRemove(runtimeId, out _);
    }

    public static void HostDriftUnresolved(string runtimeId, int credentials) => UnresolvedDriftByRuntime[runtimeId] = credentials;
}
