namespace SkillsOrleans.Contracts.Runtimes;

/// <summary>
/// What a runtime host's secret file holds for one credential right now: whether a value is there and its
/// fingerprint. Never the value. Read by the credential grain when it brings itself and the host in step.
/// </summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.stored-key-observation")]
public sealed record StoredKeyObservation(
    [property: Id(0)] bool Present,
    [property: Id(1)] string? Fingerprint)
{
    public static StoredKeyObservation Absent { get; } = new(false, null);
}
