using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using SkillsOrleans.Api.Auth;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// JWT bearer authentication of the API against a JWKS served on a loopback port: what is refused (always a 401
/// problem with a Bearer challenge and nothing about why), what is accepted, key rotation, and how the API
/// refuses to start without its configuration.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ApiAuthenticationTests(AuthenticationFixture auth) : IClassFixture<AuthenticationFixture>
{
    [Fact]
    public async Task No_token_gets_a_401_problem_with_a_bearer_challenge()
    {
        var response = await auth.Http.GetAsync("/api/me");

        await AssertUnauthorizedAsync(response, token: null);
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_refused()
    {
        // A valid token for a JWKS key, re-headed as alg "none" (same kid) with its signature dropped.
        var payload = AuthenticationFixture.Token(auth.RsaKey).Split('.')[1];
        var header = Base64UrlEncoder.Encode($$"""{"alg":"none","kid":"{{auth.RsaKey.Kid}}","typ":"JWT"}""");

        await AssertRefusedAsync($"{header}.{payload}.");
    }

    [Fact]
    public async Task An_HS256_token_keyed_with_the_RSA_public_key_is_refused()
    {
        var confused = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.RsaKey.PublicKeyPem)) { KeyId = auth.RsaKey.Kid };

        await AssertRefusedAsync(AuthenticationFixture.Token(auth.RsaKey, adjust: token =>
            token.SigningCredentials = new SigningCredentials(confused, SecurityAlgorithms.HmacSha256)));
    }

    [Fact]
    public async Task An_expired_token_is_refused() =>
        await AssertRefusedAsync(AuthenticationFixture.Token(auth.RsaKey, adjust: token =>
        {
            token.IssuedAt = token.NotBefore = DateTime.UtcNow.AddMinutes(-10);
            token.Expires = DateTime.UtcNow.AddMinutes(-2);
        }));

    [Fact]
    public async Task A_token_not_valid_before_a_time_beyond_the_clock_skew_is_refused() =>
        await AssertRefusedAsync(AuthenticationFixture.Token(auth.RsaKey, adjust: token =>
        {
            token.NotBefore = DateTime.UtcNow.AddMinutes(2);
            token.Expires = DateTime.UtcNow.AddMinutes(10);
        }));

    [Fact]
    public async Task A_token_issued_in_the_future_is_refused() =>
        await AssertRefusedAsync(AuthenticationFixture.Token(auth.RsaKey, adjust: token =>
            token.IssuedAt = DateTime.UtcNow.AddMinutes(2)));

    [Fact]
    public async Task A_token_from_another_issuer_is_refused() =>
        await AssertRefusedAsync(AuthenticationFixture.Token(auth.RsaKey, adjust: token =>
            token.Issuer = "https://clerk.elsewhere.test"));

    [Fact]
    public async Task A_token_for_another_authorized_party_is_refused() =>
        await AssertRefusedAsync(AuthenticationFixture.Token(auth.RsaKey, adjust: token =>
            token.Claims["azp"] = "https://evil.skillsorleans.test"));

    [Fact]
    public async Task A_token_without_azp_is_refused() =>
        await AssertRefusedAsync(AuthenticationFixture.Token(auth.RsaKey, adjust: token => token.Claims.Remove("azp")));

    [Fact]
    public async Task A_token_signed_by_a_key_outside_the_JWKS_is_refused() =>
        await AssertRefusedAsync(AuthenticationFixture.Token(auth.StrangerKey));

    [Fact]
    public async Task A_token_whose_jku_names_another_JWKS_holding_its_key_is_refused_without_that_JWKS_being_read()
    {
        await AssertRefusedAsync(AuthenticationFixture.Token(auth.StrangerKey, adjust: token =>
            token.AdditionalHeaderClaims = new Dictionary<string, object> { ["jku"] = auth.StrangerJwks.Url }));

        Assert.Equal(0, auth.StrangerJwks.Reads);
    }

    [Fact]
    public async Task A_token_embedding_its_own_key_as_jwk_is_refused() =>
        await AssertRefusedAsync(AuthenticationFixture.Token(auth.StrangerKey, adjust: token =>
            token.AdditionalHeaderClaims = new Dictionary<string, object> { ["jwk"] = auth.StrangerKey.PublicJwk }));

    [Theory]
    [InlineData("x5u")]
    [InlineData("x5c")]
    public async Task A_token_with_a_certificate_header_is_refused_even_when_signed_by_a_JWKS_key(string header)
    {
        object value = header == "x5u" ? "https://certs.elsewhere.test/chain.pem" : new[] { "MIIB" };

        await AssertRefusedAsync(AuthenticationFixture.Token(auth.RsaKey, adjust: token =>
            token.AdditionalHeaderClaims = new Dictionary<string, object> { [header] = value }));
    }

    [Fact]
    public async Task A_valid_RS256_token_reaches_the_endpoint_with_its_subject()
    {
        var me = await GetMeAsync(auth.Http, AuthenticationFixture.Token(auth.RsaKey, "user_alice"));

        Assert.Equal("user_alice", me.GetProperty("subject").GetString());
        Assert.False(me.GetProperty("platformAdmin").GetBoolean());
    }

    [Fact]
    public async Task A_valid_ES256_token_is_accepted_and_a_configured_platform_admin_is_recognised()
    {
        var me = await GetMeAsync(auth.Http, AuthenticationFixture.Token(auth.EcKey, AuthenticationFixture.AdminSubject));

        Assert.Equal(AuthenticationFixture.AdminSubject, me.GetProperty("subject").GetString());
        Assert.True(me.GetProperty("platformAdmin").GetBoolean());
    }

    [Fact]
    public async Task A_platform_admin_claim_in_the_token_grants_nothing()
    {
        var me = await GetMeAsync(auth.Http, AuthenticationFixture.Token(auth.RsaKey, "user_mallory", token =>
        {
            token.Claims["platformAdmin"] = true;
            token.Claims["role"] = "platform-admin";
        }));

        Assert.False(me.GetProperty("platformAdmin").GetBoolean());
    }

    [Fact]
    public async Task The_platform_admin_policy_admits_only_configured_subjects_of_authenticated_callers()
    {
        var authorization = auth.Api.Services.GetRequiredService<IAuthorizationService>();
        static ClaimsPrincipal Caller(string subject, string? authenticationType = "Bearer") =>
            new(new ClaimsIdentity([new Claim("sub", subject)], authenticationType));

        Assert.True((await authorization.AuthorizeAsync(Caller(AuthenticationFixture.AdminSubject), PlatformAdmins.Policy)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(Caller("user_alice"), PlatformAdmins.Policy)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(Caller(AuthenticationFixture.AdminSubject, authenticationType: null), PlatformAdmins.Policy)).Succeeded);
    }

    [Fact]
    public async Task Refusals_are_logged_with_kid_and_issuer_but_the_token_never_is()
    {
        var tokens = new[]
        {
            AuthenticationFixture.Token(auth.RsaKey, adjust: token => token.Issuer = "https://logged-issuer.test"),
            AuthenticationFixture.Token(auth.RsaKey, adjust: token => token.Claims["azp"] = "https://evil.skillsorleans.test"),
            AuthenticationFixture.Token(auth.StrangerKey, adjust: token =>
                token.AdditionalHeaderClaims = new Dictionary<string, object> { ["jwk"] = auth.StrangerKey.PublicJwk }),
        };
        var accepted = AuthenticationFixture.Token(auth.RsaKey, "user_logged");

        foreach (var token in tokens)
        {
            await AssertRefusedAsync(token);
        }

        await GetMeAsync(auth.Http, accepted);

        var entries = auth.Logs.Entries.ToList();
        Assert.Contains(entries, entry => entry.Contains("Bearer token refused: issuer not accepted (kid rsa-1, iss https://logged-issuer.test)", StringComparison.Ordinal));
        Assert.Contains(entries, entry => entry.Contains("Bearer token refused: 'azp' not authorized (kid rsa-1", StringComparison.Ordinal));
        Assert.Contains(entries, entry => entry.Contains("Bearer token refused: 'jwk' header present (kid stranger-1", StringComparison.Ordinal));
        foreach (var token in tokens.Append(accepted))
        {
            var parts = token.Split('.');
            Assert.DoesNotContain(entries, entry => entry.Contains(parts[1], StringComparison.Ordinal) || entry.Contains(parts[2], StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_rotated_key_is_accepted_once_the_JWKS_is_read_again_and_reads_for_unknown_keys_are_spaced()
    {
        using var oldKey = TestSigningKey.Rsa("rotation-old");
        using var newKey = TestSigningKey.EcP256("rotation-new");
        await using var jwks = await JwksTestServer.StartAsync(oldKey);
        await using var api = auth.CreateApi("Production", AuthenticationFixture.Settings(jwks));
        var http = api.CreateClient();

        await GetMeAsync(http, AuthenticationFixture.Token(oldKey));
        Assert.Equal(1, jwks.Reads);

        jwks.Publish(newKey);
        var me = await GetMeAsync(http, AuthenticationFixture.Token(newKey, "user_rotated"));
        Assert.Equal("user_rotated", me.GetProperty("subject").GetString());
        Assert.Equal(2, jwks.Reads);

        // The old key is gone from the JWKS; its kid is now unknown, and the JWKS was read less than 30 s ago.
        await AssertRefusedAsync(AuthenticationFixture.Token(oldKey), http);
        await AssertRefusedAsync(AuthenticationFixture.Token(auth.StrangerKey), http);
        Assert.Equal(2, jwks.Reads);
    }

    [Fact]
    public async Task A_configured_audience_must_be_carried_by_the_token()
    {
        var settings = AuthenticationFixture.Settings(auth.Jwks);
        settings["Auth:Audience"] = "skillsorleans-api";
        await using var api = auth.CreateApi("Production", settings);
        var http = api.CreateClient();

        await AssertRefusedAsync(AuthenticationFixture.Token(auth.RsaKey), http);
        await AssertRefusedAsync(AuthenticationFixture.Token(auth.RsaKey, adjust: token => token.Audience = "another-api"), http);
        await GetMeAsync(http, AuthenticationFixture.Token(auth.RsaKey, adjust: token => token.Audience = "skillsorleans-api"));
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("jwt")]
    [InlineData("at+jwt")]
    [InlineData("application/at+jwt")]
    public async Task An_access_token_type_is_accepted(string type) =>
        await GetMeAsync(auth.Http, AuthenticationFixture.Token(auth.RsaKey, adjust: token => token.TokenType = type));

    [Theory]
    [InlineData("id_token+jwt")]
    [InlineData("logout+jwt")]
    [InlineData("secevent+jwt")]
    [InlineData("dpop+jwt")]
    [InlineData("JOSE")]
    public async Task A_token_typed_for_another_use_is_refused(string type) =>
        await AssertRefusedAsync(AuthenticationFixture.Token(auth.RsaKey, adjust: token => token.TokenType = type));

    [Fact]
    public async Task A_token_without_a_type_header_is_refused()
    {
        // Same claims and key as an accepted token, signed again over a header that has no "typ".
        var payload = AuthenticationFixture.Token(auth.RsaKey).Split('.')[1];
        var header = Base64UrlEncoder.Encode($$"""{"alg":"RS256","kid":"{{auth.RsaKey.Kid}}"}""");
        var rsa = ((RsaSecurityKey)auth.RsaKey.Credentials.Key).Rsa;
        var signature = rsa.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        await AssertRefusedAsync($"{header}.{payload}.{Base64UrlEncoder.Encode(signature)}");
    }

    [Fact]
    public async Task In_development_dev_issuer_tokens_carry_its_audience_and_a_token_without_it_is_refused()
    {
        using var key = new DevIssuerKeyFile();
        await using var api = auth.CreateApi("Development", new Dictionary<string, string> { [key.Setting.Key] = key.Setting.Value });
        var http = api.CreateClient();
        string Mint(string? audience) => key.Mint("demo-admin", audience);

        var issued = (await http.GetFromJsonAsync<JsonElement>("/dev/token?sub=demo-admin")).GetProperty("access_token").GetString()!;

        Assert.Equal("skillsorleans-api", new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(issued).Audiences.Single());
        await GetMeAsync(http, issued);
        await GetMeAsync(http, Mint("skillsorleans-api"));
        await AssertRefusedAsync(Mint(audience: null), http);
        await AssertRefusedAsync(Mint("another-api"), http);
    }

    [Fact]
    public async Task In_development_without_auth_configuration_a_dev_issuer_token_is_accepted()
    {
        await using var api = auth.CreateApi("Development");
        var http = api.CreateClient();
        var token = await http.GetFromJsonAsync<JsonElement>("/dev/token?sub=demo-admin");

        var me = await GetMeAsync(http, token.GetProperty("access_token").GetString()!);

        Assert.Equal("demo-admin", me.GetProperty("subject").GetString());
        Assert.False(me.GetProperty("platformAdmin").GetBoolean());
        await AssertRefusedAsync(AuthenticationFixture.Token(auth.RsaKey), http);
    }

    [Fact]
    public async Task Outside_development_without_auth_configuration_the_API_refuses_to_start()
    {
        await using var api = auth.CreateApi("Production");

        var message = StartupFailure.Of(api);

        Assert.Contains("Authentication is not configured", message, StringComparison.Ordinal);
        Assert.Contains("Auth:Issuer", message, StringComparison.Ordinal);
        Assert.Contains("Auth:JwksUrl (Auth__JwksUrl or CLERK_JWKS_URL)", message, StringComparison.Ordinal);
        Assert.Contains("Auth:AuthorizedParties", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_a_missing_authorized_party_list_alone_stops_the_API()
    {
        var settings = AuthenticationFixture.Settings(auth.Jwks);
        settings.Remove("Auth:AuthorizedParties:0");
        settings.Remove("Auth:AuthorizedParties:1");
        await using var api = auth.CreateApi("Production", settings);

        var message = StartupFailure.Of(api);

        Assert.Contains("Auth:AuthorizedParties", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Auth:Issuer", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/jwks.json", false, "accepted for a loopback address only in Development or with Auth:AllowLoopbackHttpJwks=true")]
    [InlineData("http://192.0.2.10/jwks.json", true, "must use https")]
    [InlineData("http://jwks.skillsorleans.test/jwks.json", true, "must use https")]
    public async Task Plain_http_JWKS_is_refused_unless_on_loopback_with_the_explicit_switch(string url, bool allowLoopbackHttp, string expected)
    {
        var settings = AuthenticationFixture.Settings(auth.Jwks);
        settings["Auth:JwksUrl"] = url;
        settings["Auth:AllowLoopbackHttpJwks"] = allowLoopbackHttp ? "true" : "false";
        await using var api = auth.CreateApi("Production", settings);

        Assert.Contains(expected, StartupFailure.Of(api), StringComparison.Ordinal);
    }

    private async Task AssertRefusedAsync(string token, HttpClient? http = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await (http ?? auth.Http).SendAsync(request);

        await AssertUnauthorizedAsync(response, token);
    }

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response, string? token)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Equal(token is null ? null : "error=\"invalid_token\"", challenge.Parameter);

        using var problem = JsonDocument.Parse(body);
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Unauthorized", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal("A valid bearer token is required.", problem.RootElement.GetProperty("detail").GetString());
        if (token is not null)
        {
            Assert.DoesNotContain(token.Split('.')[1], body, StringComparison.Ordinal);
        }
    }

    private static async Task<JsonElement> GetMeAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
