using System.Diagnostics.Metrics;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Model;

namespace SkillsOrleans.ClientHosting.Telemetry;

/// <summary>
/// The platform's keys waiting for an admin as gauges: how many (<c>skillsorleans_credentials_waiting</c>) and how long
/// the longest has waited (<c>skillsorleans_credentials_waiting_oldest_age_seconds</c>, 0 when none waits), as last read
/// from the account directory by the API (<see cref="Record"/>). Nothing is reported before the first read.
/// </summary>
public static class WaitingKeysTelemetry
{
    private static readonly Meter Meter = new(TelemetryNames.SkillsOrleans);
    private static volatile Reading? _last;

    static WaitingKeysTelemetry()
    {
        Meter.CreateObservableGauge("skillsorleans.credentials.waiting", () => Measure(reading => reading.Tally.KeysWaiting),
            "{credential}", "Keys requested by agents and not given a value yet, across all accounts (from the account directory).");
        Meter.CreateObservableGauge("skillsorleans.credentials.waiting.oldest_age", () => Measure(OldestAgeSeconds),
            "s", "How long the platform's longest-waiting key request has waited; 0 when none waits.");
    }

    /// <summary>The figures to report from now on; the age is counted on <paramref name="clock"/> at each scrape.</summary>
    public static void Record(AccountTally tally, TimeProvider clock) => _last = new Reading(tally, clock);

    private static IEnumerable<Measurement<double>> Measure(Func<Reading, double> figure) =>
        _last is { } reading ? [new Measurement<double>(figure(reading))] : [];

    private static double OldestAgeSeconds(Reading reading) =>
        reading.Tally.OldestKeyWaitingSince is { } since ? Math.Max(0, (reading.Clock.GetUtcNow() - since).TotalSeconds) : 0;

    private sealed record Reading(AccountTally Tally, TimeProvider Clock);
}
