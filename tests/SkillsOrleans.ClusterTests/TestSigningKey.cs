using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace SkillsOrleans.ClusterTests;

/// <summary>An RS256 or ES256 key pair for minting test tokens, with its public half in JWK form.</summary>
public sealed class TestSigningKey : IDisposable
{
    private readonly AsymmetricAlgorithm _algorithm;

    private TestSigningKey(AsymmetricAlgorithm algorithm, SecurityKey key, string signingAlgorithm, Dictionary<string, object> publicJwk, string publicKeyPem)
    {
        _algorithm = algorithm;
        Credentials = new SigningCredentials(key, signingAlgorithm);
        PublicJwk = publicJwk;
        PublicKeyPem = publicKeyPem;
    }

    public string Kid => Credentials.Key.KeyId;

    public SigningCredentials Credentials { get; }

    /// <summary>The public key as a JWK (kty, kid, use, alg and the key parameters).</summary>
    public IReadOnlyDictionary<string, object> PublicJwk { get; }

    /// <summary>The public key as SubjectPublicKeyInfo PEM, as an attacker would find it.</summary>
    public string PublicKeyPem { get; }

    public static TestSigningKey Rsa(string kid)
    {
        var rsa = RSA.Create(2048);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return new TestSigningKey(
            rsa,
            new RsaSecurityKey(rsa) { KeyId = kid },
            SecurityAlgorithms.RsaSha256,
            new Dictionary<string, object>
            {
                ["kty"] = "RSA",
                ["kid"] = kid,
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            },
            rsa.ExportSubjectPublicKeyInfoPem());
    }

    public static TestSigningKey EcP256(string kid)
    {
        var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = ec.ExportParameters(includePrivateParameters: false);
        return new TestSigningKey(
            ec,
            new ECDsaSecurityKey(ec) { KeyId = kid },
            SecurityAlgorithms.EcdsaSha256,
            new Dictionary<string, object>
            {
                ["kty"] = "EC",
                ["kid"] = kid,
                ["use"] = "sig",
                ["alg"] = "ES256",
                ["crv"] = "P-256",
                ["x"] = Base64UrlEncoder.Encode(parameters.Q.X),
                ["y"] = Base64UrlEncoder.Encode(parameters.Q.Y),
            },
            ec.ExportSubjectPublicKeyInfoPem());
    }

    public void Dispose() => _algorithm.Dispose();
}
