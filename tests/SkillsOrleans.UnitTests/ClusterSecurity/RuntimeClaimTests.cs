using System.Net;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using SkillsOrleans.ClientHosting.Security;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Grains.Placement;
using SkillsOrleans.Hosting.Security;

namespace SkillsOrleans.UnitTests.ClusterSecurity;

/// <summary>
/// A runtime silo's claim is proven only by a certificate of ours naming that runtime and a signature for the silo's
/// own endpoint; placement hosts only proven claims, and refuses rather than choose between two.
/// </summary>
public sealed class RuntimeClaimTests : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);
    private static readonly SiloAddress SiloA = SiloAddress.New(IPEndPoint.Parse("10.0.0.5:11111"), 100);
    private static readonly SiloAddress SiloB = SiloAddress.New(IPEndPoint.Parse("10.0.0.6:11111"), 100);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero));
    private readonly ClusterCertificateAuthority _authority;
    private readonly CertificateRuntimeClaims _claims;

    public RuntimeClaimTests()
    {
        _authority = ClusterCertificateAuthority.Create(TimeSpan.FromDays(365), _time);
        _claims = new CertificateRuntimeClaims(new ClusterCertificateValidator([_authority.Root], _time));
    }

    private Dictionary<string, string> ClaimFrom(SiloAddress silo, string claimedRuntime, ClusterPeerIdentity certificateIdentity)
    {
        using var certificate = _authority.Issue(certificateIdentity, Lifetime, _time);
        var credentials = new ClusterCredentials(certificate, new ClusterCertificateValidator([_authority.Root], _time), certificateIdentity);
        var metadata = RuntimeClaimMetadata.Proof(claimedRuntime, silo.Endpoint, credentials);
        metadata[RuntimeSiloMetadata.RuntimeIdKey] = claimedRuntime;
        return metadata;
    }

    [Fact]
    public void A_claim_signed_for_its_own_endpoint_with_the_runtimes_certificate_is_proven() =>
        Assert.True(_claims.Verify(SiloA, ClaimFrom(SiloA, "rt-a", ClusterPeerIdentity.Runtime("rt-a")), "rt-a").Proven);

    [Fact]
    public void A_claim_with_another_runtimes_certificate_is_not_proven()
    {
        var claim = _claims.Verify(SiloA, ClaimFrom(SiloA, "rt-a", ClusterPeerIdentity.Runtime("rt-b")), "rt-a");

        Assert.False(claim.Proven);
        Assert.Contains("names spiffe://skillsorleans/runtime/rt-b", claim.Refusal);
    }

    [Fact]
    public void A_claim_copied_to_another_endpoint_is_not_proven()
    {
        var claim = _claims.Verify(SiloB, ClaimFrom(SiloA, "rt-a", ClusterPeerIdentity.Runtime("rt-a")), "rt-a");

        Assert.False(claim.Proven);
        Assert.Contains("signature does not cover", claim.Refusal);
    }

    [Fact]
    public void A_bare_runtime_id_without_certificate_is_not_proven() =>
        Assert.Contains("no certificate", _claims.Verify(SiloA, new Dictionary<string, string> { [RuntimeSiloMetadata.RuntimeIdKey] = "rt-a" }, "rt-a").Refusal);

    [Fact]
    public void A_core_silo_certificate_cannot_prove_a_runtime() =>
        Assert.False(_claims.Verify(SiloA, ClaimFrom(SiloA, "rt-a", ClusterPeerIdentity.CoreSilo), "rt-a").Proven);

    [Fact]
    public void One_proven_claim_hosts_and_an_unproven_one_beside_it_is_reported()
    {
        var choice = RuntimeHostChoice.Decide([RuntimeClaim.ProvenBy(SiloA), RuntimeClaim.Unproven(SiloB, "no proof")]);

        Assert.Equal(SiloA, choice.Host);
        Assert.Equal(SiloB, Assert.Single(choice.Impostors).Silo);
    }

    [Fact]
    public void Two_proven_claims_on_different_endpoints_are_refused_not_settled()
    {
        var choice = RuntimeHostChoice.Decide([RuntimeClaim.ProvenBy(SiloB), RuntimeClaim.ProvenBy(SiloA)]);

        Assert.Null(choice.Host);
        Assert.Contains("several silos prove this runtime", choice.Refusal);
    }

    [Fact]
    public void A_restart_on_the_same_endpoint_supersedes_the_older_generation()
    {
        var restarted = SiloAddress.New(SiloA.Endpoint, SiloA.Generation + 50);

        var choice = RuntimeHostChoice.Decide([RuntimeClaim.ProvenBy(SiloA), RuntimeClaim.ProvenBy(restarted)]);

        Assert.Equal(restarted, choice.Host);
    }

    [Fact]
    public void Only_unproven_claims_refuse_placement_instead_of_reporting_offline()
    {
        var choice = RuntimeHostChoice.Decide([RuntimeClaim.Unproven(SiloB, "no proof")]);

        Assert.Null(choice.Host);
        Assert.NotNull(choice.Refusal);
        Assert.Same(RuntimeHostChoice.Offline, RuntimeHostChoice.Decide([]));
    }

    public void Dispose() => _authority.Dispose();
}
