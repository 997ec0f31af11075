using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// <c>POST /admin/skills/credentials</c> and friends over HTTP with real bearer tokens (the development issuer),
/// a core silo and a runtime silo on PostgreSQL.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CredentialsApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Runtime = DemoStack.Runtime;
    private static readonly CredentialRef WhisperKey = new("demo", Runtime, "openai-whisper-api", "OPENAI_API_KEY");
    private readonly string _canary = "sk-canary-" + Guid.NewGuid().ToString("N");
    private DemoStack _stack = null!;

    private string SecretsFile => _stack.SecretsFile;

    public async Task InitializeAsync()
    {
        _stack = await DemoStack.StartAsync(postgres, "credapi");
        await _stack.RequestAsync(WhisperKey);
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    private Task<HttpClient> ClientFor(string subject) => _stack.ClientForAsync(subject);

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient http, string secret, int? expectedVersion = 0, string account = "demo") =>
        http.PostAsJsonAsync("/admin/skills/credentials", new { accountId = account, credentialRef = WhisperKey.ToString(), secret, expectedVersion });

    [Fact]
    public async Task An_admin_submits_a_key_it_lands_only_on_the_host_and_the_response_carries_no_value()
    {
        var response = await SubmitAsync(await ClientFor("demo-admin"), _canary);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(("active", 1), (json.RootElement.GetProperty("status").GetString(), json.RootElement.GetProperty("version").GetInt32()));
        Assert.StartsWith("hmac-sha256:", json.RootElement.GetProperty("fingerprint").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_canary, body, StringComparison.Ordinal);
        Assert.Contains(_canary, File.ReadAllText(SecretsFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenant_gets_404_and_a_member_gets_403_and_nothing_changes()
    {
        var other = await SubmitAsync(await ClientFor("other-admin"), _canary);
        var member = await SubmitAsync(await ClientFor("demo-member"), _canary);
        var otherList = await (await ClientFor("other-admin")).GetAsync("/api/accounts/demo/credentials");

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherList.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.False(_stack.HostHolds(_canary));
        var credential = await _stack.DemoCredentials.GetCredentialAsync(WhisperKey);
        Assert.Equal(CredentialStatus.Pending, credential.Status);
    }

    [Fact]
    public async Task A_stale_version_is_409_a_bad_secret_is_422_and_revoke_removes_the_value()
    {
        var admin = await ClientFor("demo-admin");
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(admin, _canary)).StatusCode);

        var stale = await SubmitAsync(admin, "sk-late", expectedVersion: 0);
        var control = await SubmitAsync(admin, "bad\u0000value", expectedVersion: 1);
        var revoke = await admin.PostAsync($"/api/accounts/demo/credentials/{Runtime}/openai-whisper-api/OPENAI_API_KEY/revoke?expectedVersion=1", null);
        var list = await (await ClientFor("demo-member")).GetFromJsonAsync<JsonElement>("/api/accounts/demo/credentials?status=Revoked");

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, control.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.DoesNotContain(_canary, File.ReadAllText(SecretsFile), StringComparison.Ordinal);
        Assert.Equal(WhisperKey.ToString(), Assert.Single(list.EnumerateArray()).GetProperty("credentialRef").GetString());
    }

    [Fact]
    public async Task With_the_runtime_offline_the_answer_is_503_and_nothing_is_stored()
    {
        var admin = await ClientFor("demo-admin");
        await _stack.RuntimeSilo.StopAsync();

        var response = await SubmitAsync(admin, _canary);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("offline", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var credential = await _stack.DemoCredentials.GetCredentialAsync(WhisperKey);
        Assert.Equal((CredentialStatus.Pending, 0), (credential.Status, credential.Version));
        Assert.False(_stack.HostHolds(_canary));
    }
}
