using System.Net;
using System.Net.Http.Json;
using System.Text;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Sealing;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// Unique secrets go through every path an admin has — plaintext, a browser-style sealed envelope, a rotation, a
/// stale and a malformed attempt, a revocation — while a member watches the live stream. Afterwards each canary is
/// searched for in a pg_dump of the whole database, the PostgreSQL server log, every log entry the silos and the
/// API wrote (at every level), every response body, the metrics scrape, every span recorded in the process (tags
/// and events) and every other file on the host: the only place a value may
/// ever be is the host secret file, and only while it is current.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SecretCanaryTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly CredentialRef WhisperKey = new("demo", DemoStack.Runtime, "openai-whisper-api", "OPENAI_API_KEY");
    private const string ScrapeToken = "canary-scrape-token";
    private readonly CapturedLogs _logs = new();
    private readonly StringBuilder _responses = new();
    private readonly string _run = Guid.NewGuid().ToString("N");
    private DemoStack _stack = null!;

    private string Canary(string step) => $"sk-canary-{step}-{_run}";

    public async Task InitializeAsync()
    {
        _stack = await DemoStack.StartAsync(postgres, "canary", new Dictionary<string, string> { ["Metrics:ScrapeToken"] = ScrapeToken }, _logs);
        await _stack.RequestAsync(WhisperKey);
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task A_secret_is_only_ever_in_the_host_secret_file()
    {
        using var spans = new RecordedSpans();
        var admin = await _stack.ClientForAsync("demo-admin");
        var member = await _stack.ClientForAsync("demo-member");
        using var live = await member.GetAsync("/api/accounts/demo/events", HttpCompletionOption.ResponseHeadersRead);
        var liveBody = await live.Content.ReadAsStreamAsync();

        Assert.Equal(HttpStatusCode.OK, await SubmitAsync(admin, new { secret = Canary("plain"), expectedVersion = 0 }));
        Assert.True(_stack.HostHolds(Canary("plain")));

        var key = await _stack.Core.Grains.GetGrain<IRuntimeGrain>(DemoStack.Runtime).GetSealingKeyAsync();
        var sealedSecret = SecretSealer.Seal(Convert.FromBase64String(key.Spki), key.Kid, DemoStack.Runtime, WhisperKey.ToString(), 2,
            DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds(), Canary("sealed"));
        Assert.Equal(HttpStatusCode.OK, await SubmitAsync(admin, new { sealedSecret, expectedVersion = 1 }));
        Assert.True(_stack.HostHolds(Canary("sealed")));
        Assert.False(_stack.HostHolds(Canary("plain")));

        Assert.Equal(HttpStatusCode.Conflict, await SubmitAsync(admin, new { secret = Canary("stale"), expectedVersion = 0 }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await SubmitAsync(admin, new { secret = Canary("control") + "\u0007", expectedVersion = 2 }));
        Assert.Equal(HttpStatusCode.NotFound, await SubmitAsync(await _stack.ClientForAsync("other-admin"), new { secret = Canary("foreign"), expectedVersion = 2 }));
        Assert.Equal(HttpStatusCode.Forbidden, await SubmitAsync(member, new { secret = Canary("member"), expectedVersion = 2 }));

        await RecordAsync(await admin.PostAsync($"/api/accounts/demo/credentials/{DemoStack.Runtime}/openai-whisper-api/OPENAI_API_KEY/revoke", null));
        await RecordAsync(await member.GetAsync("/api/accounts/demo/credentials"));
        await RecordAsync(await member.GetAsync("/api/accounts/demo/activity?limit=200"));
        Assert.False(_stack.HostHolds(Canary("sealed")));

        // Let the live stream catch up on the revocation, then keep what it sent.
        await Task.Delay(TimeSpan.FromSeconds(2));
        _responses.Append(await ReadWhatArrivedAsync(liveBody));
        live.Dispose();

        var dump = await postgres.Server.DumpAsync(_stack.Database);
        var places = new Dictionary<string, string>
        {
            ["pg_dump"] = dump,
            ["PostgreSQL server log"] = File.ReadAllText(postgres.Server.LogFile),
            ["logs"] = string.Join('\n', _logs.Entries),
            ["responses"] = _responses.ToString(),
            ["metrics"] = await ScrapeAsync(),
            ["traces"] = spans.Transcript(),
        };
        foreach (var file in _stack.HostFilesExceptSecrets)
        {
            places[file] = File.ReadAllText(file);
        }

        // The searches can find things: the dump holds the audit rows, the logs the ref, the stream the events.
        Assert.Contains("credential.revoked", dump, StringComparison.Ordinal);
        Assert.Contains(WhisperKey.ToString(), places["logs"], StringComparison.Ordinal);
        Assert.Contains("event: credential", places["responses"], StringComparison.Ordinal);
        Assert.Contains("skillsorleans_credential_operations_total", places["metrics"], StringComparison.Ordinal);
        Assert.Contains("secret.store", places["traces"], StringComparison.Ordinal);
        foreach (var step in new[] { "plain", "sealed", "stale", "control", "foreign", "member" })
        {
            foreach (var (place, text) in places)
            {
                Assert.False(text.Contains(Canary(step), StringComparison.Ordinal), $"the {step} canary is in {place}");
            }
        }
    }

    private async Task<string> ScrapeAsync()
    {
        var scraper = _stack.Api.CreateClient();
        scraper.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ScrapeToken);
        return await scraper.GetStringAsync("/metrics");
    }

    private async Task<HttpStatusCode> SubmitAsync(HttpClient client, object fields)
    {
        var body = new Dictionary<string, object?> { ["accountId"] = "demo", ["credentialRef"] = WhisperKey.ToString() };
        foreach (var property in fields.GetType().GetProperties())
        {
            body[property.Name] = property.GetValue(fields);
        }

        return await RecordAsync(await client.PostAsJsonAsync("/admin/skills/credentials", body));
    }

    private async Task<HttpStatusCode> RecordAsync(HttpResponseMessage response)
    {
        _responses.AppendLine(response.Headers.ToString()).AppendLine(await response.Content.ReadAsStringAsync());
        return response.StatusCode;
    }

    private static async Task<string> ReadWhatArrivedAsync(Stream body)
    {
        var text = new StringBuilder();
        var buffer = new byte[8192];
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            while (await body.ReadAsync(buffer, stop.Token) is > 0 and var read)
            {
                text.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The stream stays open until the client leaves; whatever arrived is what counts.
        }

        return text.ToString();
    }
}
