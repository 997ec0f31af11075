using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orleans.Runtime;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// <c>GET /api/accounts/{account}/events</c>: a member's live view hears a submission as it happens (the credential
/// and its audit row), carrying no value; other tenants cannot listen; a removed member's stream ends.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AccountEventsApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly CredentialRef WhisperKey = new("demo", DemoStack.Runtime, "openai-whisper-api", "OPENAI_API_KEY");
    private readonly string _canary = "sk-canary-" + Guid.NewGuid().ToString("N");
    private DemoStack _stack = null!;

    public async Task InitializeAsync()
    {
        _stack = await DemoStack.StartAsync(postgres, "events", new Dictionary<string, string>
        {
            ["Events:HeartbeatInterval"] = "00:00:01",
            ["Events:RecheckInterval"] = "00:00:01",
        });
        await _stack.RequestAsync(WhisperKey);
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task A_member_hears_a_submission_as_a_credential_event_and_an_activity_event_without_the_value()
    {
        var member = await _stack.ClientForAsync("demo-member");
        using var response = await member.GetAsync("/api/accounts/demo/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var events = new SseReader(await response.Content.ReadAsStreamAsync());
        await events.NextAsync("ping"); // subscribed

        var admin = await _stack.ClientForAsync("demo-admin");
        var submitted = await admin.PostAsJsonAsync("/admin/skills/credentials",
            new { accountId = "demo", credentialRef = WhisperKey.ToString(), secret = _canary, expectedVersion = 0 });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        var activity = await events.NextAsync("activity");
        var credential = await events.NextAsync("credential");
        Assert.Equal(("credential.submitted", "accepted", 1), (activity.GetProperty("action").GetString(), activity.GetProperty("outcome").GetString(), activity.GetProperty("version").GetInt32()));
        Assert.Equal((WhisperKey.ToString(), "active", 1), (credential.GetProperty("credentialRef").GetString(), credential.GetProperty("status").GetString(), credential.GetProperty("version").GetInt32()));
        Assert.DoesNotContain(_canary, events.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stream_s_subscriptions_survive_their_registry_grain_being_deactivated_and_read_back_from_storage()
    {
        // Orleans keeps each stream's subscribers in a grain whose state is in PubSubStore; when that grain moves
        // (its silo stops) it reads the state back, which must work, or nobody can listen to the account again.
        var member = await _stack.ClientForAsync("demo-member");
        using (var first = await member.GetAsync("/api/accounts/demo/events", HttpCompletionOption.ResponseHeadersRead))
        {
            using var events = new SseReader(await first.Content.ReadAsStreamAsync());
            await events.NextAsync("ping");
        }

        // deploy/sql/0007 clears rows of this grain type written before they were stored this way.
        Assert.True(await Sql.ScalarAsync<long>(_stack.Database,
            "SELECT count(*) FROM orleansstorage WHERE graintypestring = 'PubSubRendezvousGrain'") > 0);
        await _stack.Core.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        using var again = await member.GetAsync("/api/accounts/demo/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using var resumed = new SseReader(await again.Content.ReadAsStreamAsync());
        await resumed.NextAsync("ping");
        await _stack.RequestAsync(new CredentialRef("demo", DemoStack.Runtime, "trello", "TRELLO_API_KEY"));
        Assert.Equal("demo/demo-runtime-1/trello/TRELLO_API_KEY", (await resumed.NextAsync("credential")).GetProperty("credentialRef").GetString());
    }

    [Fact]
    public async Task Another_tenant_cannot_listen_and_a_removed_member_s_stream_ends()
    {
        var other = await _stack.ClientForAsync("other-admin");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/accounts/demo/events", HttpCompletionOption.ResponseHeadersRead)).StatusCode);

        var member = await _stack.ClientForAsync("demo-member");
        using var response = await member.GetAsync("/api/accounts/demo/events", HttpCompletionOption.ResponseHeadersRead);
        using var events = new SseReader(await response.Content.ReadAsStreamAsync());
        await events.NextAsync("ping");

        await _stack.Demo.RemoveMemberAsync("demo-member");

        // Membership is re-checked every second here; the next check finds the caller gone and ends the stream.
        await events.EndAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Membership_is_re_checked_on_its_own_timer_however_rarely_heartbeats_come()
    {
        await using var api = _stack.CreateApi(new Dictionary<string, string>
        {
            ["Events:HeartbeatInterval"] = "00:05:00",
            ["Events:RecheckInterval"] = "00:00:01",
        });
        var member = await DemoStack.ClientForAsync(api, "demo-member");
        using var response = await member.GetAsync("/api/accounts/demo/events", HttpCompletionOption.ResponseHeadersRead);
        using var events = new SseReader(await response.Content.ReadAsStreamAsync());
        await events.NextAsync("ping");

        await _stack.Demo.RemoveMemberAsync("demo-member");

        await events.EndAsync(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_stream_ends_when_the_token_that_opened_it_expires()
    {
        using var key = new DevIssuerKeyFile();
        await using var api = _stack.CreateApi(new Dictionary<string, string>
        {
            [key.Setting.Key] = key.Setting.Value,
            ["Events:HeartbeatInterval"] = "00:05:00",
            ["Events:RecheckInterval"] = "00:05:00",
        });
        var member = api.CreateClient();
        member.DefaultRequestHeaders.Authorization = new("Bearer", key.Mint("demo-member", lifetime: TimeSpan.FromSeconds(4)));
        var opened = DateTimeOffset.UtcNow;
        using var response = await member.GetAsync("/api/accounts/demo/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var events = new SseReader(await response.Content.ReadAsStreamAsync());
        await events.NextAsync("ping");

        await events.EndAsync(TimeSpan.FromSeconds(20));

        Assert.True(DateTimeOffset.UtcNow - opened >= TimeSpan.FromSeconds(2), "the stream ended before the token expired");
    }

    [Fact]
    public async Task A_user_s_open_streams_are_capped_and_the_one_too_many_gets_429_with_Retry_After()
    {
        await using var api = _stack.CreateApi(new Dictionary<string, string> { ["Events:MaxStreamsPerUser"] = "2" });
        var member = await DemoStack.ClientForAsync(api, "demo-member");
        var admin = await DemoStack.ClientForAsync(api, "demo-admin");
        var first = await member.GetAsync("/api/accounts/demo/events", HttpCompletionOption.ResponseHeadersRead);
        using var second = await member.GetAsync("/api/accounts/demo/events", HttpCompletionOption.ResponseHeadersRead);

        using var third = await member.GetAsync("/api/accounts/demo/events", HttpCompletionOption.ResponseHeadersRead);
        using var byAdmin = await admin.GetAsync("/api/accounts/demo/events", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode); // before its body: a stream's body never ends
        var problem = await ProblemAssert.IsAsync(HttpStatusCode.TooManyRequests, third);
        Assert.Equal("too-many-streams", problem.GetProperty("code").GetString());
        Assert.InRange(third.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);

        // Closing a stream frees its place.
        first.Dispose();
        await Eventually.TrueAsync(async () =>
        {
            using var again = await member.GetAsync("/api/accounts/demo/events", HttpCompletionOption.ResponseHeadersRead);
            return again.StatusCode == HttpStatusCode.OK;
        });
    }

    /// <summary>Reads <c>event:</c>/<c>data:</c> blocks off a server-sent event stream.</summary>
    private sealed class SseReader(Stream stream) : IDisposable
    {
        private readonly StreamReader _reader = new(stream, Encoding.UTF8);
        private readonly StringBuilder _transcript = new();

        public string Transcript => _transcript.ToString();

        public async Task<JsonElement> NextAsync(string eventName)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (await ReadEventAsync(timeout.Token) is var (name, data))
            {
                if (name == eventName)
                {
                    return JsonDocument.Parse(data).RootElement.Clone();
                }
            }

            throw new InvalidOperationException($"The stream ended before a '{eventName}' event.");
        }

        public async Task EndAsync(TimeSpan within)
        {
            using var timeout = new CancellationTokenSource(within);
            while (await ReadEventAsync(timeout.Token) is not null)
            {
            }
        }

        private async Task<(string Name, string Data)?> ReadEventAsync(CancellationToken cancellationToken)
        {
            string? name = null;
            var data = new StringBuilder();
            while (await _reader.ReadLineAsync(cancellationToken) is { } line)
            {
                _transcript.AppendLine(line);
                if (line.Length == 0 && name is not null)
                {
                    return (name, data.ToString());
                }

                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Append(line["data: ".Length..]);
                }
            }

            return null;
        }

        public void Dispose() => _reader.Dispose();
    }
}
