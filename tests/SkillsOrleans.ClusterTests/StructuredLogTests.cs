using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// What the logs say about a secret write and a refused admin call: ref, version and fingerprint (never the value),
/// the refusal's reason, and the trace of the request that caused each — the id the audit trail and problem details
/// carry, so one id finds a change in logs, traces and the trail.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StructuredLogTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Value = "sk-logged-test-value";
    private readonly CapturedLogs _logs = new();
    private DemoStack _stack = null!;

    public async Task InitializeAsync() => _stack = await DemoStack.StartAsync(postgres, "logs", logs: _logs);

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task A_secret_write_logs_ref_version_and_fingerprint_and_a_refusal_its_reason_each_in_the_request_trace()
    {
        using var tracing = new RecordedSpans(); // tracing on, as it is with an exporter configured
        var key = await _stack.RequestAsync("trello", "TRELLO_API_KEY");
        var admin = await _stack.ClientForAsync("demo-admin");

        var (submitted, submitTrace) = await SubmitAsync(admin, key.ToString(), expectedVersion: 0);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var fingerprint = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fingerprint").GetString();
        var stored = await Eventually.ValueAsync(
            () => Task.FromResult(_logs.Records.FirstOrDefault(r => r.Message.StartsWith($"Stored {key} version 1 on the host", StringComparison.Ordinal))),
            entry => entry is not null);
        Assert.Equal(LogLevel.Information, stored!.Level);
        Assert.Equal($"Stored {key} version 1 on the host (fingerprint {fingerprint})", stored.Message);
        Assert.Equal(submitTrace, stored.TraceId);

        var (stale, staleTrace) = await SubmitAsync(admin, key.ToString(), expectedVersion: 0);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(staleTrace, problem.GetProperty("traceId").GetString(), StringComparison.Ordinal);
        var refused = Assert.Single(_logs.Records, r => r.Message.StartsWith("Refused POST /admin/skills/credentials: 409", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, refused.Level);
        Assert.Contains(problem.GetProperty("detail").GetString()!, refused.Message, StringComparison.Ordinal);
        Assert.Equal(staleTrace, refused.TraceId);

        Assert.DoesNotContain(_logs.Entries, entry => entry.Contains(Value, StringComparison.Ordinal));
    }

    /// <summary>Submits <see cref="Value"/> in a trace of the test's choosing (a W3C <c>traceparent</c>); answers the trace id.</summary>
    private static async Task<(HttpResponseMessage Response, string TraceId)> SubmitAsync(HttpClient admin, string credentialRef, int expectedVersion)
    {
        var trace = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/skills/credentials")
        {
            Content = JsonContent.Create(new { accountId = "demo", credentialRef, secret = Value, expectedVersion }),
        };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return (await admin.SendAsync(request), trace);
    }
}
