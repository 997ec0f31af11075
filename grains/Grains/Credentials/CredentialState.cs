using SkillsOrleans.Contracts.Credentials;

namespace SkillsOrleans.Grains.Credentials;

/// <summary>Persisted form of a credential: the snapshot only — status, version, fingerprint, who and when.</summary>
[GenerateSerializer, Alias("skillsorleans.credential-state")]
public sealed class CredentialState
{
    [Id(0)] public CredentialSnapshot? Current { get; set; }
}
