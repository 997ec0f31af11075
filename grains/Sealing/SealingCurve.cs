using System.Security.Cryptography;

namespace SkillsOrleans.Sealing;

/// <summary>Sealing keys are P-256 only: the one curve every browser's WebCrypto offers for ECDH.</summary>
public static class SealingCurve
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    public static bool IsP256(ECDiffieHellman key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        return curve.IsNamed && curve.Oid.Value == P256Oid;
    }
}
