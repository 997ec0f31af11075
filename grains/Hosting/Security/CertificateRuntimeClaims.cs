using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Runtime;
using SkillsOrleans.ClientHosting.Security;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Grains.Placement;

namespace SkillsOrleans.Hosting.Security;

/// <summary>
/// With cluster TLS, a silo proves a runtime claim with its metadata: a certificate from the cluster's authority that
/// names the runtime, and that certificate key's signature over the runtime id and the silo's own endpoint. Another
/// tenant's host (whose certificate names its own runtime) or anyone with only the database password cannot produce
/// it; a claim copied from a live silo fails on any other endpoint.
/// </summary>
public sealed class CertificateRuntimeClaims(ClusterCertificateValidator validator) : IRuntimeClaimVerifier
{
    public RuntimeClaim Verify(SiloAddress silo, IReadOnlyDictionary<string, string> metadata, string runtimeId)
    {
        if (!metadata.TryGetValue(RuntimeSiloMetadata.CertificateKey, out var encodedCertificate)
            || !metadata.TryGetValue(RuntimeSiloMetadata.SignatureKey, out var encodedSignature))
        {
            return RuntimeClaim.Unproven(silo, "it presents no certificate and signature for the claim");
        }

        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(encodedCertificate));
            var verdict = validator.Validate(certificate);
            if (!verdict.Accepted)
            {
                return RuntimeClaim.Unproven(silo, "its certificate is refused: " + verdict.Refusal);
            }

            if (verdict.Identity != ClusterPeerIdentity.Runtime(runtimeId))
            {
                return RuntimeClaim.Unproven(silo, $"its certificate names {verdict.Identity}");
            }

            var statement = RuntimeSiloMetadata.ClaimStatement(runtimeId, silo.Endpoint.ToString());
            return RuntimeClaimSignature.Verify(certificate, statement, Convert.FromBase64String(encodedSignature))
                ? RuntimeClaim.ProvenBy(silo)
                : RuntimeClaim.Unproven(silo, "its signature does not cover this runtime at this silo's endpoint");
        }
        catch (Exception error) when (error is FormatException or CryptographicException)
        {
            return RuntimeClaim.Unproven(silo, "its certificate or signature cannot be read");
        }
    }
}

/// <summary>Signs and checks claim statements with a certificate's key (ECDSA P-256 or RSA), SHA-256.</summary>
public static class RuntimeClaimSignature
{
    public static byte[] Sign(X509Certificate2 certificate, byte[] statement)
    {
        using var ecdsa = certificate.GetECDsaPrivateKey();
        if (ecdsa is not null)
        {
            return ecdsa.SignData(statement, HashAlgorithmName.SHA256);
        }

        using var rsa = certificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException("The cluster certificate's key is neither ECDSA nor RSA.");
        return rsa.SignData(statement, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
    }

    public static bool Verify(X509Certificate2 certificate, byte[] statement, byte[] signature)
    {
        using var ecdsa = certificate.GetECDsaPublicKey();
        if (ecdsa is not null)
        {
            return ecdsa.VerifyData(statement, signature, HashAlgorithmName.SHA256);
        }

        using var rsa = certificate.GetRSAPublicKey();
        return rsa is not null && rsa.VerifyData(statement, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
    }
}
