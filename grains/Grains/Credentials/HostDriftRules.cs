using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Runtimes;

namespace SkillsOrleans.Grains.Credentials;

/// <summary>
/// Which side wins when a credential and its host's secret file disagree. The host is the only place a value exists,
/// so it wins on whether a value is there and which one; the cluster wins on whether a value may be there at all
/// (a revoked credential's value goes). The orders of the write paths make every disagreement a crash's leftover:
/// a delivery stores on the host before it saves, a revocation withdraws from the host before it saves.
/// <code>
///   cluster \ host     nothing               value F (the recorded one)   value G (another)
///   none               in step               —                            unknown: reported, kept
///   pending            in step               —                            adopt G as the next version
///   active F           record as revoked     in step                      adopt G as the next version
///   revoked, declined  in step               withdraw                     withdraw
/// </code>
/// </summary>
public static class HostDriftRules
{
    public static HostDrift Decide(CredentialSnapshot? current, StoredKeyObservation host) => (current?.Status, host.Present) switch
    {
        (null, false) or (CredentialStatus.Pending, false) or (CredentialStatus.Revoked, false) or (CredentialStatus.Declined, false) => HostDrift.InStep,
        (null, true) => HostDrift.UnknownToCluster,
        (CredentialStatus.Revoked, true) or (CredentialStatus.Declined, true) => HostDrift.WithdrewFromHost,
        (CredentialStatus.Active, false) => HostDrift.RecordedAsRevoked,
        (CredentialStatus.Active, true) when string.Equals(current!.Fingerprint, host.Fingerprint, StringComparison.Ordinal) => HostDrift.InStep,
        (CredentialStatus.Active, true) or (CredentialStatus.Pending, true) => HostDrift.AdoptedHostValue,
        _ => throw new InvalidOperationException($"Unknown credential status {current?.Status}."),
    };
}
