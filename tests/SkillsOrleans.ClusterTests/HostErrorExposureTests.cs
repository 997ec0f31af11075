using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// What a runtime host or a grain says when something breaks stays with operators: members (whatever their role)
/// read stable error codes in health and problem answers, never the text of an exception raised in the cluster.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class HostErrorExposureTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly CredentialRef WhisperKey = new("demo", DemoStack.Runtime, "openai-whisper-api", "OPENAI_API_KEY");
    private DemoStack _stack = null!;

    public async Task InitializeAsync()
    {
        _stack = await DemoStack.StartAsync(postgres, "hosterrors");
        await _stack.RequestAsync(WhisperKey);
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task A_faulted_secret_file_reads_as_a_code_in_runtime_health_and_in_a_refused_write()
    {
        // A secret file others may read: the host refuses to use it, and says why in its own words (path and mode).
        await _stack.StopRuntimeAsync();
        Directory.CreateDirectory(Path.GetDirectoryName(_stack.SecretsFile)!);
        await File.WriteAllTextAsync(_stack.SecretsFile, "{}");
        File.SetUnixFileMode(_stack.SecretsFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await _stack.StartRuntimeAsync();
        var hostWords = (await _stack.RuntimeSilo.Grains.GetGrain<Contracts.Runtimes.IRuntimeGrain>(DemoStack.Runtime).GetHealthAsync()).SecretStore.Error;
        Assert.False(string.IsNullOrEmpty(hostWords), "the host did not refuse its secret file");

        foreach (var subject in (string[])["demo-member", "demo-admin", "demo-owner"])
        {
            var http = await _stack.ClientForAsync(subject);
            var health = await http.GetFromJsonAsync<JsonElement>($"/api/runtimes/{DemoStack.Runtime}/health");
            Assert.Equal("faulted", health.GetProperty("secretStore").GetProperty("state").GetString());
            Assert.Equal("secret-store-faulted", health.GetProperty("secretStore").GetProperty("error").GetString());
            Assert.DoesNotContain(hostWords!, health.GetRawText(), StringComparison.Ordinal);
        }

        var admin = await _stack.ClientForAsync("demo-admin");
        using var refused = await admin.PostAsJsonAsync("/admin/skills/credentials",
            new { accountId = "demo", credentialRef = WhisperKey.ToString(), secret = "sk-not-stored", expectedVersion = 0 });
        var body = await refused.Content.ReadAsStringAsync();
        Assert.True((int)refused.StatusCode >= 400, body);
        using var problem = JsonDocument.Parse(body);
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("code").GetString()), body);
        Assert.DoesNotContain(_stack.SecretsFile, body, StringComparison.Ordinal);
        Assert.DoesNotContain("SecretStore", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grain_s_refusal_of_a_value_answers_a_code_and_not_the_grain_s_words()
    {
        var http = await _stack.ClientForAsync("demo-admin");
        var route = $"/api/accounts/demo/credentials/{DemoStack.Runtime}/openai-whisper-api/OPENAI_API_KEY";
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, route, new { secret = "sk-first", expectedVersion = 0 }, "deliver-1")).StatusCode);

        // The key names another request: the credential's grain refuses it (an ArgumentException with its own message).
        using var reused = await SendAsync(http, $"{route}/revoke?expectedVersion=1", null, "deliver-1");

        var problem = await ProblemAssert.IsAsync(HttpStatusCode.UnprocessableEntity, reused);
        Assert.Equal("invalid-request", problem.GetProperty("code").GetString());
        Assert.DoesNotContain("deliver-1", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_made_by_the_API_itself_keeps_its_explanation()
    {
        var http = await _stack.ClientForAsync("demo-admin");

        using var response = await http.PostAsJsonAsync("/admin/skills/credentials",
            new { accountId = "demo", credentialRef = "not-a-ref", secret = "sk-x", expectedVersion = 0 });

        var problem = await ProblemAssert.IsAsync(HttpStatusCode.UnprocessableEntity, response);
        Assert.Contains("credentialRef must be account/runtime/skillKey/KEY_NAME", problem.GetRawText(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string path, object? body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await http.SendAsync(request);
    }
}
