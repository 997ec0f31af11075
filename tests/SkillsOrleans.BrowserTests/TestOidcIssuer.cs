using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SkillsOrleans.BrowserTests;

/// <summary>
/// A small OpenID Connect issuer on a loopback port, standing in for Clerk: discovery, an authorization endpoint that
/// signs in <see cref="Subject"/> at once (no login form) and a token endpoint that insists on PKCE (S256) before it
/// mints an RS256 access token, plus the JWKS the API validates it with. Cross-origin calls are allowed, as the page
/// calls discovery and the token endpoint from the API's origin.
/// </summary>
public sealed class TestOidcIssuer : IAsyncDisposable
{
    public const string ClientId = "skillsorleans-admin";
    public const string AuthorizedParty = "skillsorleans-admin-page";

    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private readonly ConcurrentDictionary<string, (string Challenge, string RedirectUri)> _codes = new(StringComparer.Ordinal);
    private int _verified;
    private int _refused;

    private TestOidcIssuer(WebApplication app, string subject)
    {
        _app = app;
        Subject = subject;
        _key = new RsaSecurityKey(_rsa) { KeyId = "test-oidc" };
    }

    public string Subject { get; }

    public string Issuer { get; private set; } = "";

    /// <summary>Code exchanges whose code_verifier matched the challenge, and those refused.</summary>
    public int VerifiedExchanges => Volatile.Read(ref _verified);

    public int RefusedExchanges => Volatile.Read(ref _refused);

    public static async Task<TestOidcIssuer> StartAsync(string subject)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var issuer = new TestOidcIssuer(builder.Build(), subject);
        issuer.Map();
        await issuer._app.StartAsync();
        issuer.Issuer = issuer._app.Urls.Single();
        return issuer;
    }

    private void Map()
    {
        _app.Use((http, next) =>
        {
            http.Response.Headers.AccessControlAllowOrigin = "*";
            return next(http);
        });
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Issuer + "/authorize",
            ["token_endpoint"] = Issuer + "/token",
            ["jwks_uri"] = Issuer + "/jwks",
        }));
        _app.MapGet("/jwks", () =>
        {
            var parameters = _rsa.ExportParameters(includePrivateParameters: false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", kid = _key.KeyId, use = "sig", alg = "RS256", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } } });
        });
        _app.MapGet("/authorize", (HttpRequest request) =>
        {
            var query = request.Query;
            if (query["response_type"] != "code" || query["client_id"] != ClientId || query["code_challenge_method"] != "S256"
                || string.IsNullOrEmpty(query["code_challenge"]) || string.IsNullOrEmpty(query["state"]))
            {
                return Results.BadRequest("not an authorization code request with PKCE");
            }

            var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
            _codes[code] = (query["code_challenge"]!, query["redirect_uri"]!);
            return Results.Redirect($"{query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(query["state"]!)}");
        });
        _app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["grant_type"] != "authorization_code" || form["client_id"] != ClientId
                || !_codes.TryRemove(form["code"].ToString(), out var issued) || issued.RedirectUri != form["redirect_uri"]
                || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != issued.Challenge)
            {
                Interlocked.Increment(ref _refused);
                return Results.Json(new { error = "invalid_grant" }, statusCode: StatusCodes.Status400BadRequest);
            }

            Interlocked.Increment(ref _verified);
            return Results.Json(new { access_token = Mint(), token_type = "Bearer", expires_in = 300 });
        });
    }

    private string Mint()
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Subject = new ClaimsIdentity([new Claim("sub", Subject), new Claim("azp", AuthorizedParty)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _rsa.Dispose();
    }
}
