namespace SkillsOrleans.Contracts.Runtimes;

/// <summary>Silo metadata keys the placement of runtime grains relies on.</summary>
public static class RuntimeSiloMetadata
{
    /// <summary>Set on a silo that runs next to an OpenClaw gateway: <c>Orleans:Metadata:runtime-id</c>.</summary>
    public const string RuntimeIdKey = "runtime-id";

    /// <summary>The runtime silo's cluster certificate (DER, base64), which names its runtime id.</summary>
    public const string CertificateKey = "runtime-certificate";

    /// <summary>
    /// The certificate key's signature (base64) over <see cref="ClaimStatement"/>: proof that the holder of that key
    /// claims this runtime from this silo endpoint, which a copied certificate alone cannot give.
    /// </summary>
    public const string SignatureKey = "runtime-claim-signature";

    /// <summary>What a runtime silo signs: the runtime and the endpoint (address:port) it advertises to the cluster.</summary>
    public static byte[] ClaimStatement(string runtimeId, string siloEndpoint) =>
        System.Text.Encoding.UTF8.GetBytes($"skillsorleans-runtime-claim/v1\n{runtimeId}\n{siloEndpoint}");
}
