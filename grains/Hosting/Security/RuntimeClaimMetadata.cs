using System.Net;
using SkillsOrleans.ClientHosting.Security;
using SkillsOrleans.Contracts.Runtimes;

namespace SkillsOrleans.Hosting.Security;

public static class RuntimeClaimMetadata
{
    /// <summary>
    /// The metadata that proves a runtime silo's claim: its certificate, and that certificate key's signature over the
    /// runtime id and the endpoint the silo advertises. Silo metadata is fixed before the silo starts, so the statement
    /// names the endpoint rather than the start generation; a copy is useless from any other address.
    /// </summary>
    public static Dictionary<string, string> Proof(string runtimeId, IPEndPoint advertised, ClusterCredentials credentials)
    {
        var statement = RuntimeSiloMetadata.ClaimStatement(runtimeId, advertised.ToString());
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [RuntimeSiloMetadata.CertificateKey] = Convert.ToBase64String(credentials.Certificate.RawData),
            [RuntimeSiloMetadata.SignatureKey] = Convert.ToBase64String(RuntimeClaimSignature.Sign(credentials.Certificate, statement)),
        };
    }
}
