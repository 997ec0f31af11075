using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// Metrics and traces on the demo stack: <c>/metrics</c> only for the scrape token, counters that move when the
/// things they count happen, and one trace from the HTTP request through the grains to the secret write and the
/// gateway reload. (The silos run in this process, so the API's scrape shows their measurements too.)
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class TelemetryTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string ScrapeToken = "scrape-token-for-tests";
    private static readonly CredentialRef WhisperKey = new("demo", DemoStack.Runtime, "openai-whisper-api", "OPENAI_API_KEY");
    private DemoStack _stack = null!;

    public async Task InitializeAsync()
    {
        _stack = await DemoStack.StartAsync(postgres, "telemetry", new Dictionary<string, string> { ["Metrics:ScrapeToken"] = ScrapeToken, ["Metrics:WaitingKeysRefreshSeconds"] = "1" });
        await _stack.RequestAsync(WhisperKey);
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task Metrics_need_the_scrape_token()
    {
        var anonymous = _stack.Api.CreateClient();
        var wrong = _stack.Api.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");
        var signedIn = await _stack.ClientForAsync("platform-admin"); // a user token is not a scrape token

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await signedIn.GetAsync("/metrics")).StatusCode);
        Assert.Contains("skillsorleans_", await ScrapeAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_answers_its_health_to_anyone_and_its_metrics_only_for_the_scrape_token()
    {
        // The silo executable itself (its Program, with its HTTP endpoints) joining the stack's cluster.
        await using var silo = new SiloHostFactory(_stack.Database, "telemetry", new Dictionary<string, string> { ["Metrics:ScrapeToken"] = ScrapeToken });
        var anonymous = silo.CreateClient();
        var wrong = silo.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");
        var scraper = silo.CreateClient();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ScrapeToken);

        var health = await anonymous.GetFromJsonAsync<System.Text.Json.JsonElement>("/health");
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/metrics")).StatusCode);
        var scraped = await scraper.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.StartsWith("text/plain", scraped.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var text = await scraped.Content.ReadAsStringAsync();
        Assert.Contains("orleans_", text, StringComparison.Ordinal); // Orleans' own meters
        Assert.Contains("skillsorleans_", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_API_reports_the_keys_waiting_and_the_oldest_requests_age_and_a_delivery_takes_one_off()
    {
        var waiting = await Eventually.ValueAsync(ScrapeAsync, text =>
            UnlabelledValue(text, "skillsorleans_credentials_waiting") >= 1
            && UnlabelledValue(text, "skillsorleans_credentials_waiting_oldest_age_seconds") > 0);
        var keysBefore = UnlabelledValue(waiting, "skillsorleans_credentials_waiting");

        var admin = await _stack.ClientForAsync("demo-admin");
        var submitted = await admin.PostAsJsonAsync("/admin/skills/credentials",
            new { accountId = "demo", credentialRef = WhisperKey.ToString(), secret = "sk-waiting-gauge", expectedVersion = 0 });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        await Eventually.ValueAsync(ScrapeAsync, text => UnlabelledValue(text, "skillsorleans_credentials_waiting") == keysBefore - 1);
        var summary = await (await _stack.ClientForAsync("platform-admin")).GetFromJsonAsync<System.Text.Json.JsonElement>("/api/platform/fleet/summary");
        Assert.Equal(keysBefore - 1, summary.GetProperty("keysWaiting").GetInt32());
        Assert.Equal(keysBefore == 1, summary.GetProperty("oldestKeyWaitingSince").ValueKind == System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Counters_move_when_requests_submissions_and_writes_happen()
    {
        var before = await ScrapeAsync();
        var inbox = Directory.CreateDirectory(Path.Combine(_stack.Workspace, "requests", "skill-credentials"));
        var bad = Path.Combine(inbox.FullName, "bad.json");
        File.WriteAllText(bad, """{"skill":"not-installed","key":"SOME_KEY"}""");
        File.SetLastWriteTimeUtc(bad, DateTime.UtcNow.AddMinutes(-1));
        var skill = Directory.CreateDirectory(Path.Combine(_stack.Workspace, "skills", "notes"));
        File.WriteAllText(Path.Combine(skill.FullName, "SKILL.md"), "---\nname: notes\ndescription: Keeps notes.\n---\n");
        var admin = await _stack.ClientForAsync("demo-admin");
        var submitted = await admin.PostAsJsonAsync("/admin/skills/credentials",
            new { accountId = "demo", credentialRef = WhisperKey.ToString(), secret = "sk-metrics", expectedVersion = 0 });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        var after = await Eventually.ValueAsync(ScrapeAsync, text =>
            Value(text, "skillsorleans_credential_requests_total", "reason=\"unknown_skill\"") > Value(before, "skillsorleans_credential_requests_total", "reason=\"unknown_skill\"")
            && Value(text, "skillsorleans_skills", "state=\"ok\"") >= 1);

        Assert.Equal(1, Value(after, "skillsorleans_credential_operations_total", "action=\"credential.submitted\",outcome=\"accepted\"")
            - Value(before, "skillsorleans_credential_operations_total", "action=\"credential.submitted\",outcome=\"accepted\""));
        Assert.True(Value(after, "skillsorleans_secret_write_duration_seconds_count", "operation=\"store\"")
            > Value(before, "skillsorleans_secret_write_duration_seconds_count", "operation=\"store\""));
        // The delivery passed through every step it is timed by, once (docs/observability.md).
        foreach (var (metric, step) in DeliverySteps)
        {
            Assert.True(1 == Value(after, metric + "_count", $"step=\"{step}\"") - Value(before, metric + "_count", $"step=\"{step}\""), $"{metric} {step}");
        }

        Assert.Equal(1, Value(after, "skillsorleans_runtimes_online", $"runtime=\"{DemoStack.Runtime}\""));
        Assert.True(Value(after, "skillsorleans_skill_scan_duration_seconds_count", $"runtime=\"{DemoStack.Runtime}\"")
            > Value(before, "skillsorleans_skill_scan_duration_seconds_count", $"runtime=\"{DemoStack.Runtime}\""));
        Assert.DoesNotContain("sk-metrics", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_trace_runs_from_the_request_through_the_grains_to_the_secret_write_and_the_reload()
    {
        using var recorded = new RecordedSpans();
        var spans = recorded.Stopped;
        var admin = await _stack.ClientForAsync("demo-admin");

        var submitted = await admin.PostAsJsonAsync("/admin/skills/credentials",
            new { accountId = "demo", credentialRef = WhisperKey.ToString(), secret = "sk-traced", expectedVersion = 0 });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        // The server's request span stops only after the response has gone out, so it may still be open here.
        static bool IsSubmission(Activity s) =>
            s.OperationName == "Microsoft.AspNetCore.Hosting.HttpRequestIn" && s.GetTagItem("url.path") as string == "/admin/skills/credentials";
        await Eventually.TrueAsync(() => Task.FromResult(spans.Any(IsSubmission)), TimeSpan.FromSeconds(10));
        var request = Assert.Single(spans, IsSubmission);
        var trace = request.TraceId;
        var write = Assert.Single(spans, s => s.OperationName == "secret.store" && s.TraceId == trace);
        Assert.Equal(WhisperKey.ToString(), write.GetTagItem("skillsorleans.credential_ref"));
        Assert.Contains(spans, s => s.OperationName == "credential.submit" && s.TraceId == trace);
        Assert.Contains(spans, s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && s.TraceId == trace);
        // No gateway runs here, so the reload fails and is retried, but each attempt belongs to the same trace.
        await Eventually.TrueAsync(() => Task.FromResult(spans.Any(s => s.OperationName == "gateway.reload" && s.TraceId == trace)));
        Assert.DoesNotContain(spans, s => s.TagObjects.Any(tag => tag.Value?.ToString()?.Contains("sk-traced", StringComparison.Ordinal) == true));
    }

    private async Task<string> ScrapeAsync()
    {
        var scraper = _stack.Api.CreateClient();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ScrapeToken);
        var response = await scraper.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of a metric's samples whose labels contain <paramref name="labels"/> (0 when there are none).</summary>
    private static readonly (string Metric, string Step)[] DeliverySteps =
    [
        .. new[] { "authorize", "prepare", "audit", "commit", "save", "index", "host.open", "host.fingerprint", "host.store", "host.managed_state" }
            .Select(step => ("skillsorleans_credential_delivery_step_duration_seconds", step)),
        .. new[] { "writer_wait", "owe_reload", "secret_file", "config" }
            .Select(step => ("skillsorleans_secret_store_step_duration_seconds", step)),
    ];

    private static double Value(string exposition, string metric, string labels) =>
        exposition.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && line.Contains(labels, StringComparison.Ordinal))
            .Sum(line => double.Parse(SampleValue().Match(line).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The one sample of a metric without tags of its own (the exporter may still add its scope's); -1 when absent.</summary>
    private static double UnlabelledValue(string exposition, string metric) =>
        exposition.Split('\n').Select(line => UnlabelledSample().Match(line)).Where(m => m.Success && m.Groups[1].Value == metric)
            .Select(m => double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Single();

    [GeneratedRegex(@"^([a-z_]+)(?:\{otel_scope_name=""[^""]*""\})?\s+(\S+)")]
    private static partial Regex UnlabelledSample();

    [GeneratedRegex(@"\}\s+(\S+)")]
    private static partial Regex SampleValue();
}
