using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>The API host: health through the cluster, and the development token issuer (Development only).</summary>
[Collection(PostgresCollection.Name)]
public sealed class ApiHostTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Issuer = "http://127.0.0.1:5080/dev";

    /// <summary>Outside Development the API does not start without an issuer, a JWKS and authorized parties.</summary>
    private static readonly Dictionary<string, string> ProductionAuth = new()
    {
        ["Auth:Issuer"] = "https://clerk.skillsorleans.test",
        ["Auth:JwksUrl"] = "https://clerk.skillsorleans.test/.well-known/jwks.json",
        ["Auth:AuthorizedParties:0"] = "https://admin.skillsorleans.test",
    };

    private string _database = null!;
    private SiloProcessHost _silo = null!;

    public async Task InitializeAsync()
    {
        _database = await postgres.CreateMigratedDatabaseAsync("api");
        _silo = await SiloProcessHost.StartAsync(_database, "api");
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Health_reports_the_active_silos_it_sees_through_the_cluster()
    {
        await using var api = new ApiHostFactory(_database, "api", "Production", ProductionAuth);

        var health = await api.CreateClient().GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal(1, health.GetProperty("activeSilos").GetInt32());
    }

    [Fact]
    public async Task Health_without_the_cluster_answers_a_code_and_not_the_exception_s_words()
    {
        await using var api = new ApiHostFactory(_database, "api", "Production", ProductionAuth);
        var http = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);

        await _silo.DisposeAsync();
        using var response = await http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unhealthy", health.GetProperty("status").GetString());
        Assert.Equal("cluster-unavailable", health.GetProperty("error").GetString());
    }

    [Fact]
    public async Task In_development_the_issuer_mints_RS256_tokens_that_validate_against_its_JWKS()
    {
        await using var api = new ApiHostFactory(_database, "api", "Development");
        var http = api.CreateClient();

        var token = await http.GetFromJsonAsync<JsonElement>("/dev/token?sub=demo-admin");
        var jwks = new JsonWebKeySet(await http.GetStringAsync("/dev/.well-known/jwks.json"));
        var accessToken = token.GetProperty("access_token").GetString()!;

        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.Equal(3600, token.GetProperty("expires_in").GetInt32());
        Assert.All(jwks.Keys, key => Assert.False(key.HasPrivateKey));
        var result = await Validate(accessToken, jwks.GetSigningKeys());
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("demo-admin", result.Claims["sub"]);
        Assert.Equal("http://127.0.0.1:5080", result.Claims["azp"]);
        Assert.Equal("RS256", ((JsonWebToken)result.SecurityToken).Alg);

        using var stranger = RSA.Create(2048);
        Assert.False((await Validate(accessToken, [new RsaSecurityKey(stranger) { KeyId = jwks.Keys[0].Kid }])).IsValid);
    }

    [Fact]
    public async Task In_development_a_malformed_subject_is_refused()
    {
        await using var api = new ApiHostFactory(_database, "api", "Development");

        var response = await api.CreateClient().GetAsync("/dev/token?sub=bad%0Auser");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Outside_development_the_issuer_does_not_exist()
    {
        await using var api = new ApiHostFactory(_database, "api", "Production", ProductionAuth);
        var http = api.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/dev/token?sub=demo-admin")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/dev/.well-known/jwks.json")).StatusCode);
    }

    [Fact]
    public async Task A_configured_key_file_is_created_private_and_reused_across_restarts()
    {
        var keyPath = Path.Combine(Directory.CreateTempSubdirectory("skillsorleans-dev-issuer-").FullName, "keys", "signing-key.pem");
        var settings = new Dictionary<string, string> { ["DevIssuer:KeyPath"] = keyPath };

        string firstKid;
        await using (var first = new ApiHostFactory(_database, "api", "Development", settings))
        {
            firstKid = new JsonWebKeySet(await first.CreateClient().GetStringAsync("/dev/.well-known/jwks.json")).Keys[0].Kid;
        }

        await using var second = new ApiHostFactory(_database, "api", "Development", settings);
        var secondKid = new JsonWebKeySet(await second.CreateClient().GetStringAsync("/dev/.well-known/jwks.json")).Keys[0].Kid;

        Assert.Equal(firstKid, secondKid);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
    }

    private static Task<TokenValidationResult> Validate(string token, IEnumerable<SecurityKey> keys) =>
        new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidateAudience = false,
            IssuerSigningKeys = keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
}
