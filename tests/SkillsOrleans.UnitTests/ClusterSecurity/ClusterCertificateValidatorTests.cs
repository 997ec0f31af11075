using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using SkillsOrleans.ClientHosting.Security;
using SkillsOrleans.Hosting.Security;

namespace SkillsOrleans.UnitTests.ClusterSecurity;

/// <summary>Which certificates count as cluster members: only ours, valid now, fit for both TLS roles, one identity each.</summary>
public sealed class ClusterCertificateValidatorTests : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero));
    private readonly ClusterCertificateAuthority _ours;
    private readonly ClusterCertificateAuthority _theirs;

    public ClusterCertificateValidatorTests()
    {
        _ours = ClusterCertificateAuthority.Create(TimeSpan.FromDays(365), _time);
        _theirs = ClusterCertificateAuthority.Create(TimeSpan.FromDays(365), _time);
    }

    private ClusterCertificateValidator Validator => new([_ours.Root], _time);

    [Fact]
    public void A_certificate_of_ours_proves_the_identity_it_names()
    {
        using var core = _ours.Issue(ClusterPeerIdentity.CoreSilo, Lifetime, _time);
        using var runtime = _ours.Issue(ClusterPeerIdentity.Runtime("rt-a"), Lifetime, _time);

        Assert.Equal(ClusterPeerIdentity.CoreSilo, Validator.Validate(core).Identity);
        Assert.Equal(ClusterPeerIdentity.Runtime("rt-a"), Validator.Validate(runtime).Identity);
    }

    [Fact]
    public void A_certificate_from_another_authority_is_refused_even_with_our_identity_in_it()
    {
        using var foreign = _theirs.Issue(ClusterPeerIdentity.CoreSilo, Lifetime, _time);

        var verdict = Validator.Validate(foreign);

        Assert.False(verdict.Accepted);
        Assert.Contains("not issued by this cluster's authority", verdict.Refusal);
    }

    [Fact]
    public void An_expired_certificate_is_refused()
    {
        using var core = _ours.Issue(ClusterPeerIdentity.CoreSilo, Lifetime, _time);
        _time.Advance(Lifetime + TimeSpan.FromMinutes(1));

        Assert.False(Validator.Validate(core).Accepted);
    }

    [Fact]
    public void A_self_signed_copy_of_a_member_certificate_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var copy = Request("CN=SkillsOrleans CoreSilo", key, "spiffe://skillsorleans/core").CreateSelfSigned(_time.GetUtcNow().AddMinutes(-1), _time.GetUtcNow().AddDays(1));

        Assert.False(Validator.Validate(copy).Accepted);
    }

    [Fact]
    public void A_certificate_of_ours_without_a_cluster_identity_or_with_two_is_refused()
    {
        using var none = IssueWithUris("https://example.test/core");
        using var two = IssueWithUris("spiffe://skillsorleans/core", "spiffe://skillsorleans/runtime/rt-a");

        Assert.Contains("names no cluster identity", Validator.Validate(none).Refusal);
        Assert.Contains("several cluster identities", Validator.Validate(two).Refusal);
    }

    [Theory]
    [InlineData("spiffe://skillsorleans/core", "spiffe://skillsorleans/core")]
    [InlineData("spiffe://skillsorleans/api", "spiffe://skillsorleans/api")]
    [InlineData("spiffe://skillsorleans/runtime/demo-runtime-1", "spiffe://skillsorleans/runtime/demo-runtime-1")]
    [InlineData("spiffe://skillsorleans/runtime/Not A Runtime", null)]
    [InlineData("spiffe://other/core", null)]
    [InlineData("spiffe://skillsorleans/runtime/", null)]
    public void Identity_uris_round_trip_and_nothing_else_parses(string uri, string? expected) =>
        Assert.Equal(expected, ClusterPeerIdentity.FromUri(uri)?.ToString());

    private X509Certificate2 IssueWithUris(params string[] uris)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = Request("CN=odd", key, uris);
        using var issued = request.Create(_ours.Root, _time.GetUtcNow().AddMinutes(-1), _time.GetUtcNow().AddDays(1), [1, 2, 3, 4]);
        return issued.CopyWithPrivateKey(key);
    }

    private static CertificateRequest Request(string subject, ECDsa key, params string[] uris)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var uri in uris)
        {
            names.AddUri(new Uri(uri));
        }

        request.CertificateExtensions.Add(names.Build());
        return request;
    }

    public void Dispose()
    {
        _ours.Dispose();
        _theirs.Dispose();
    }
}
