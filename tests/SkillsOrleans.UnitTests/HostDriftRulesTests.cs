using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Grains.Credentials;

namespace SkillsOrleans.UnitTests;

/// <summary>Every cell of the reconciliation table: each credential status against nothing, its own value and another on the host.</summary>
public sealed class HostDriftRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private const string Recorded = "hmac-sha256:recorded";
    private const string Other = "hmac-sha256:other";

    private static CredentialSnapshot At(CredentialStatus status, string? fingerprint) =>
        new("demo/demo-runtime-1/trello/TRELLO_API_KEY", status, 2, fingerprint, "main", null, T0, "demo-admin", T0);

    private static readonly StoredKeyObservation Nothing = StoredKeyObservation.Absent;
    private static readonly StoredKeyObservation RecordedValue = new(true, Recorded);
    private static readonly StoredKeyObservation OtherValue = new(true, Other);

    public static TheoryData<CredentialStatus?, string, HostDrift> Table => new()
    {
        { null, "nothing", HostDrift.InStep },
        { null, "other", HostDrift.UnknownToCluster },
        { CredentialStatus.Pending, "nothing", HostDrift.InStep },
        { CredentialStatus.Pending, "other", HostDrift.AdoptedHostValue },
        { CredentialStatus.Active, "nothing", HostDrift.RecordedAsRevoked },
        { CredentialStatus.Active, "recorded", HostDrift.InStep },
        { CredentialStatus.Active, "other", HostDrift.AdoptedHostValue },
        { CredentialStatus.Revoked, "nothing", HostDrift.InStep },
        { CredentialStatus.Revoked, "recorded", HostDrift.WithdrewFromHost },
        { CredentialStatus.Revoked, "other", HostDrift.WithdrewFromHost },
        { CredentialStatus.Declined, "nothing", HostDrift.InStep },
        { CredentialStatus.Declined, "other", HostDrift.WithdrewFromHost },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Decides_each_pair_of_cluster_status_and_host_value(CredentialStatus? status, string host, HostDrift expected)
    {
        var current = status is { } s ? At(s, s == CredentialStatus.Active ? Recorded : null) : null;
        var observed = host switch { "nothing" => Nothing, "recorded" => RecordedValue, _ => OtherValue };

        Assert.Equal(expected, HostDriftRules.Decide(current, observed));
    }
}
