using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SkillsOrleans.ClientHosting.Security;

namespace SkillsOrleans.Hosting.Security;

/// <summary>
/// A small certificate authority for a cluster's mutual TLS: an ECDSA P-256 root, and leaf certificates that name one
/// cluster identity each (<see cref="ClusterPeerIdentity"/>) and allow both TLS client and server use, because every
/// silo is both. For local runs, tests and small deployments; a platform with its own issuer (cert-manager, a PKI)
/// issues the same shape of certificate instead (docs/cluster-tls.md).
/// </summary>
public sealed class ClusterCertificateAuthority(X509Certificate2 root) : IDisposable
{
    public X509Certificate2 Root { get; } = root;

    public static ClusterCertificateAuthority Create(TimeSpan lifetime, TimeProvider time)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=SkillsOrleans cluster authority {Guid.NewGuid():N}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        return new ClusterCertificateAuthority(request.CreateSelfSigned(now.AddMinutes(-5), now.Add(lifetime)));
    }

    public static ClusterCertificateAuthority Load(string certificatePath, string privateKeyPath) =>
        new(X509Certificate2.CreateFromPemFile(certificatePath, privateKeyPath));

    /// <summary>A certificate (with its private key) for one identity, valid from five minutes ago for the lifetime.</summary>
    public X509Certificate2 Issue(ClusterPeerIdentity identity, TimeSpan lifetime, TimeProvider time)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var name = identity.Kind == ClusterPeerKind.RuntimeSilo ? $"runtime {identity.RuntimeId}" : identity.Kind.ToString();
        var request = new CertificateRequest($"CN=SkillsOrleans {name}", key, HashAlgorithmName.SHA256);
        var alternativeNames = new SubjectAlternativeNameBuilder();
        alternativeNames.AddUri(identity.ToUri());
        request.CertificateExtensions.Add(alternativeNames.Build(critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        var now = time.GetUtcNow();
        var notAfter = now.Add(lifetime) < Root.NotAfter ? now.Add(lifetime) : new DateTimeOffset(Root.NotAfter.ToUniversalTime());
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number
        using var issued = request.Create(Root, now.AddMinutes(-5), notAfter, serial);
        return issued.CopyWithPrivateKey(key);
    }

    public void Dispose() => Root.Dispose();
}
