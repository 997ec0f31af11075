namespace SkillsOrleans.Contracts.Runtimes;

/// <summary>
/// The last reconciliation pass of a runtime host (docs/reconciliation.md): <c>not-run</c>, <c>in-step</c>,
/// <c>repaired</c> (it found drift and brought both sides in step), <c>drift</c> (something it may not repair stays,
/// listed in <see cref="Drift"/>) or <c>failed</c> (a check could not run; <see cref="LastError"/> names the error type).
/// </summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.reconciliation-health")]
public sealed record ReconciliationHealth(
    [property: Id(0)] string State,
    [property: Id(1)] DateTimeOffset? LastRunAt,
    [property: Id(2)] DateTimeOffset? NextRunAt,
    [property: Id(3)] int Checked,
    [property: Id(4)] IReadOnlyList<CredentialDriftEntry> Drift,
    [property: Id(5)] int Failures,
    [property: Id(6)] string? LastError)
{
    public static ReconciliationHealth NotRun(DateTimeOffset? nextRunAt) => new("not-run", null, nextRunAt, 0, [], 0, null);
}

/// <summary>One credential the last pass found apart from the host, and what it did (<c>adopted-host-value</c>…).</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.credential-drift-entry")]
public sealed record CredentialDriftEntry(
    [property: Id(0)] string CredentialRef,
    [property: Id(1)] string Repair);
