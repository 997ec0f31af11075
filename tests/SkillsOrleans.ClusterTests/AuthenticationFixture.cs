using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// One silo on PostgreSQL, a JWKS server on a loopback port publishing an RSA and an EC key, a second JWKS server
/// (the attacker's) publishing a key the first does not, and an API host in the Production environment trusting the
/// first server, with its log captured.
/// </summary>
public sealed class AuthenticationFixture(PostgresFixture postgres) : IAsyncLifetime
{
    public const string ClusterId = "auth";
    public const string Issuer = "https://clerk.skillsorleans.test";
    public const string AuthorizedParty = "https://admin.skillsorleans.test";
    public const string AdminSubject = "user_admin";

    private ApiHostFactory _factory = null!;

    public string Database { get; private set; } = null!;

    public SiloProcessHost Silo { get; private set; } = null!;

    public TestSigningKey RsaKey { get; } = TestSigningKey.Rsa("rsa-1");

    public TestSigningKey EcKey { get; } = TestSigningKey.EcP256("ec-1");

    /// <summary>A key the API's JWKS does not hold.</summary>
    public TestSigningKey StrangerKey { get; } = TestSigningKey.Rsa("stranger-1");

    public JwksTestServer Jwks { get; private set; } = null!;

    /// <summary>Another JWKS server, publishing <see cref="StrangerKey"/>.</summary>
    public JwksTestServer StrangerJwks { get; private set; } = null!;

    public CapturedLogs Logs { get; } = new();

    /// <summary>The Production API host trusting <see cref="Jwks"/>, logging into <see cref="Logs"/>.</summary>
    public WebApplicationFactory<Program> Api { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await postgres.CreateMigratedDatabaseAsync(ClusterId);
        Silo = await SiloProcessHost.StartAsync(Database, ClusterId);
        Jwks = await JwksTestServer.StartAsync(RsaKey, EcKey);
        StrangerJwks = await JwksTestServer.StartAsync(StrangerKey);
        _factory = CreateApi("Production", Settings(Jwks));
        Api = _factory.WithWebHostBuilder(web => web.ConfigureLogging(logging => logging
            .AddProvider(Logs)
            .AddFilter<CapturedLogs>(null, LogLevel.Trace)));
        Http = Api.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await StrangerJwks.DisposeAsync();
        await Jwks.DisposeAsync();
        await Silo.DisposeAsync();
        RsaKey.Dispose();
        EcKey.Dispose();
        StrangerKey.Dispose();
    }

    public ApiHostFactory CreateApi(string environment, IDictionary<string, string>? settings = null) =>
        new(Database, ClusterId, environment, settings);

    /// <summary>Production settings trusting <paramref name="jwks"/>; plain http allowed because it is on loopback.</summary>
    public static Dictionary<string, string> Settings(JwksTestServer jwks) => new()
    {
        ["Auth:Issuer"] = Issuer,
        ["Auth:JwksUrl"] = jwks.Url,
        ["Auth:AllowLoopbackHttpJwks"] = "true",
        ["Auth:AuthorizedParties:0"] = "https://other-app.skillsorleans.test",
        ["Auth:AuthorizedParties:1"] = AuthorizedParty,
        ["Auth:PlatformAdmins:0"] = AdminSubject,
    };

    /// <summary>
    /// A token as the configured issuer would mint it for <paramref name="subject"/>: signed by
    /// <paramref name="key"/>, for <see cref="AuthorizedParty"/>, valid from now for five minutes; then adjusted.
    /// </summary>
    public static string Token(TestSigningKey key, string subject = "user_alice", Action<SecurityTokenDescriptor>? adjust = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["azp"] = AuthorizedParty },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = key.Credentials,
        };
        adjust?.Invoke(descriptor);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
