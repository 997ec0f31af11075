using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SkillsOrleans.Api.DevIssuer;

/// <summary>
/// A local stand-in for the production identity provider: an RS256 key pair whose public half is served as a
/// JWKS, so local runs and tests go through the same JwtBearer + JWKS validation as production. The key is kept
/// in a 0600 PEM file when <c>DevIssuer:KeyPath</c> is set (tokens then survive restarts), in memory otherwise.
/// </summary>
public sealed class DevTokenIssuer : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly RSA _rsa;
    private readonly RsaSecurityKey _signingKey;
    private readonly TimeProvider _clock;

    public DevTokenIssuer(DevIssuerOptions options, TimeProvider clock)
    {
        _clock = clock;
        Issuer = options.Issuer;
        AuthorizedParty = options.AuthorizedParty;
        Audience = options.Audience;
        _rsa = LoadOrCreateKey(options.KeyPath);
        _signingKey = new RsaSecurityKey(_rsa);
        _signingKey.KeyId = Base64UrlEncoder.Encode(_signingKey.ComputeJwkThumbprint());
    }

    public string Issuer { get; }

    public string AuthorizedParty { get; }

    /// <summary>The <c>aud</c> of every token minted; the API requires it of dev issuer tokens.</summary>
    public string Audience { get; }

    /// <summary>The public key only, in JWKS form.</summary>
    public JwksDocument PublicKeys()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        return new JwksDocument([
            new PublicJwk("RSA", "sig", SecurityAlgorithms.RsaSha256, _signingKey.KeyId,
                Base64UrlEncoder.Encode(parameters.Modulus), Base64UrlEncoder.Encode(parameters.Exponent)),
        ]);
    }

    public string Mint(string subject)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("azp", AuthorizedParty)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = new SigningCredentials(_signingKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose() => _rsa.Dispose();

    private static RSA LoadOrCreateKey(string? keyPath)
    {
        var rsa = RSA.Create(2048);
        if (string.IsNullOrEmpty(keyPath))
        {
            return rsa;
        }

        if (File.Exists(keyPath))
        {
            rsa.ImportFromPem(File.ReadAllText(keyPath));
            return rsa;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyPath))!);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using var writer = new StreamWriter(keyPath, options);
        writer.Write(rsa.ExportPkcs8PrivateKeyPem());
        return rsa;
    }
}

public sealed record JwksDocument(IReadOnlyList<PublicJwk> Keys);

public sealed record PublicJwk(string Kty, string Use, string Alg, string Kid, string N, string E);

public sealed class DevIssuerOptions
{
    public string Issuer { get; set; } = "http://127.0.0.1:5080/dev";

    public string AuthorizedParty { get; set; } = "http://127.0.0.1:5080";

    public string Audience { get; set; } = "skillsorleans-api";

    public string? KeyPath { get; set; }
}
