using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace SkillsOrleans.ClientHosting.Security;

/// <summary>The outcome of checking a cluster certificate: the identity it proves, or why it proves none.</summary>
public sealed record ClusterPeerVerdict(ClusterPeerIdentity? Identity, string? Refusal)
{
    public bool Accepted => Identity is not null;

    public static ClusterPeerVerdict Refused(string reason) => new(null, reason);
}

/// <summary>
/// Decides whether a certificate belongs to a member of this cluster: it must chain to the cluster's own certificate
/// authority (never the machine's trust store, which would admit any publicly issued certificate), be valid now,
/// allow both TLS client and server use, and name exactly one cluster identity. Host names are not checked: silos
/// move between addresses, and the identity URI is what placement and the threat model rely on.
/// </summary>
public sealed class ClusterCertificateValidator(X509Certificate2Collection authority, TimeProvider time)
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";
    private const string SubjectAlternativeName = "2.5.29.17";

    public X509Certificate2Collection Authority { get; } = authority;

    public ClusterPeerVerdict Validate(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Authority);
        // Revocation is handled by short certificate lifetimes and by replacing the authority (docs/cluster-tls.md).
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        if (!chain.Build(certificate))
        {
            var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
            return ClusterPeerVerdict.Refused($"not issued by this cluster's authority or not valid now ({status})");
        }

        if (!AllowsClientAndServerUse(certificate))
        {
            return ClusterPeerVerdict.Refused("its extended key usage does not allow both TLS client and server authentication");
        }

        var identities = IdentityUris(certificate).Select(ClusterPeerIdentity.FromUri).OfType<ClusterPeerIdentity>().Distinct().ToList();
        return identities switch
        {
            [var identity] => new ClusterPeerVerdict(identity, null),
            [] => ClusterPeerVerdict.Refused("it names no cluster identity (spiffe://skillsorleans/...)"),
            _ => ClusterPeerVerdict.Refused("it names several cluster identities"),
        };
    }

    private static bool AllowsClientAndServerUse(X509Certificate2 certificate)
    {
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().SingleOrDefault();
        if (usages is null)
        {
            return true; // no restriction: any use
        }

        var oids = usages.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value).ToHashSet();
        return oids.Contains(ServerAuthentication) && oids.Contains(ClientAuthentication);
    }

    /// <summary>The URI entries of the subject alternative name (GeneralName [6]); .NET reads only DNS and IP ones.</summary>
    public static IEnumerable<string> IdentityUris(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions[SubjectAlternativeName];
        if (extension is null)
        {
            return [];
        }

        var uris = new List<string>();
        var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
        var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
        while (names.HasData)
        {
            if (names.PeekTag() == uriTag)
            {
                uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, uriTag));
            }
            else
            {
                names.ReadEncodedValue();
            }
        }

        return uris;
    }
}
