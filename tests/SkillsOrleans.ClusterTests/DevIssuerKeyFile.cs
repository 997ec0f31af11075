using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// A signing key written where the development issuer reads it (<c>DevIssuer:KeyPath</c>), so that a test can mint
/// what the issuer would, and what it never would (no audience, a lifetime of seconds).
/// </summary>
public sealed class DevIssuerKeyFile : IDisposable
{
    public const string Issuer = "http://127.0.0.1:5080/dev";
    public const string AuthorizedParty = "http://127.0.0.1:5080";
    public const string Audience = "skillsorleans-api";

    private readonly RSA _rsa = RSA.Create(2048);

    public DevIssuerKeyFile()
    {
        Path = System.IO.Path.Combine(Directory.CreateTempSubdirectory("skillsorleans-dev-key-").FullName, "signing-key.pem");
        File.WriteAllText(Path, _rsa.ExportPkcs8PrivateKeyPem());
        var key = new RsaSecurityKey(_rsa.ExportParameters(includePrivateParameters: false));
        Kid = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint()); // the key id the issuer gives it
    }

    public string Path { get; }

    public string Kid { get; }

    /// <summary>The API setting that makes its dev issuer sign with this key.</summary>
    public KeyValuePair<string, string> Setting => new("DevIssuer:KeyPath", Path);

    public string Mint(string subject, string? audience = Audience, TimeSpan? lifetime = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["azp"] = AuthorizedParty },
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(5)),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = Kid }, SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose()
    {
        _rsa.Dispose();
        Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
    }
}
