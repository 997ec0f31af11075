namespace SkillsOrleans.Contracts.Credentials;

/// <summary>
/// How a credential and its runtime host's secret file compared, and what was done about it
/// (the rules: <c>docs/reconciliation.md</c>).
/// </summary>
public enum HostDrift
{
    /// <summary>Both agree: active with the host holding that fingerprint, or not active with nothing on the host.</summary>
    InStep,

    /// <summary>The host holds a value the cluster had not recorded (a delivery stored but not saved): recorded as the next version.</summary>
    AdoptedHostValue,

    /// <summary>The credential is revoked but the host still held a value: the value was withdrawn.</summary>
    WithdrewFromHost,

    /// <summary>The credential was active but the host no longer holds a value: recorded as revoked.</summary>
    RecordedAsRevoked,

    /// <summary>The host holds a value no credential of the cluster knows: left in place and reported.</summary>
    UnknownToCluster,
}
