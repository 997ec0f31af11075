using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// A programmatic client's plaintext is sealed by the API to the runtime host's key. Asking the host for that key is
/// the one step that reaches it: it comes only after the runtime directory confirms the runtime is the caller's
/// account's, and it has a short deadline of its own, so the answer never tells another tenant whether a host is up,
/// and a host that hangs costs the caller seconds, not a minute.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PlaintextSealingTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Runtime = DemoStack.Runtime;
    private static readonly TimeSpan SealingKeyTimeout = TimeSpan.FromSeconds(1);
    private static readonly CredentialRef WhisperKey = new("demo", Runtime, "openai-whisper-api", "OPENAI_API_KEY");
    private static readonly CredentialRef PlacesKey = new("demo", Runtime, "goplaces", "GOOGLE_PLACES_API_KEY");
    private readonly string _canary = "sk-canary-" + Guid.NewGuid().ToString("N");
    private DemoStack _stack = null!;

    public async Task InitializeAsync()
    {
        _stack = await DemoStack.StartAsync(
            postgres, "plaintext", new Dictionary<string, string> { ["Runtimes:SealingKeyTimeout"] = SealingKeyTimeout.ToString() });
        await _stack.RequestAsync(WhisperKey);
        await _stack.RequestAsync(PlacesKey);
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    private static Task<HttpResponseMessage> SubmitPlaintextAsync(HttpClient http, string runtime, string secret) =>
        http.PostAsJsonAsync($"/api/accounts/demo/credentials/{runtime}/openai-whisper-api/OPENAI_API_KEY", new { secret, expectedVersion = 0 });

    [Fact]
    public async Task Plaintext_for_a_runtime_now_bound_to_another_account_reads_like_an_unknown_runtime_whether_its_host_is_up_or_down()
    {
        var admin = await _stack.ClientForAsync("demo-admin");
        // The runtime moved to account "other"; demo's own record of it was not yet cleared (as when that step failed).
        await _stack.Core.Grains.GetGrain<IRuntimeDirectoryGrain>(Runtime).BindAsync("other");
        Assert.Contains((await _stack.Demo.GetAsync())!.Runtimes, r => r.RuntimeId == Runtime);

        var unknownWhileUp = await SubmitPlaintextAsync(admin, "ghost-runtime", _canary);
        var movedWhileUp = await SubmitPlaintextAsync(admin, Runtime, _canary);
        await _stack.StopRuntimeAsync();
        var unknownWhileDown = await SubmitPlaintextAsync(admin, "ghost-runtime", _canary);
        var movedWhileDown = await SubmitPlaintextAsync(admin, Runtime, _canary);

        await ProblemAssert.SameAsUnknownAsync(movedWhileUp, Runtime, unknownWhileUp, "ghost-runtime");
        await ProblemAssert.SameAsUnknownAsync(movedWhileDown, Runtime, unknownWhileDown, "ghost-runtime");
        Assert.False(_stack.HostHolds(_canary));
    }

    [Fact]
    public async Task Another_account_s_admin_gets_the_same_404_for_an_online_runtime_as_for_an_unknown_one()
    {
        var other = await _stack.ClientForAsync("other-admin");

        var online = await other.PostAsJsonAsync(
            $"/api/accounts/other/credentials/{Runtime}/openai-whisper-api/OPENAI_API_KEY", new { secret = _canary });
        var unknown = await other.PostAsJsonAsync(
            "/api/accounts/other/credentials/ghost-runtime/openai-whisper-api/OPENAI_API_KEY", new { secret = _canary });

        await ProblemAssert.SameAsUnknownAsync(online, Runtime, unknown, "ghost-runtime");
        Assert.False(_stack.HostHolds(_canary));
    }

    [Fact]
    public async Task A_host_that_does_not_answer_for_its_key_gets_503_runtime_offline_within_the_deadline_and_nothing_is_stored()
    {
        var admin = await _stack.ClientForAsync("demo-admin");
        HttpResponseMessage late;
        var timer = new Stopwatch();
        Task<HttpResponseMessage> held;
        await using (await TableLock.HoldAsync(_stack.Database, "orleansstorage"))
        {
            // This delivery holds the runtime's turn while its grain state write waits for the lock: the host is busy.
            held = SubmitPlaintextAsync(admin, Runtime, "sk-first-" + Guid.NewGuid().ToString("N"));
            await Eventually.TrueAsync(async () =>
            {
                var probe = _stack.Core.Grains.GetGrain<IRuntimeGrain>(Runtime).GetSealingKeyAsync();
                return await Task.WhenAny(probe, Task.Delay(TimeSpan.FromMilliseconds(500))) != probe;
            });

            timer.Start();
            late = await admin.PostAsJsonAsync(
                $"/api/accounts/demo/credentials/{Runtime}/goplaces/GOOGLE_PLACES_API_KEY", new { secret = _canary, expectedVersion = 0 });
            timer.Stop();
        }

        var problem = await ProblemAssert.IsAsync(HttpStatusCode.ServiceUnavailable, late);
        Assert.Equal("Runtime offline", problem.GetProperty("title").GetString());
        Assert.Contains("did not answer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(timer.Elapsed < SealingKeyTimeout + TimeSpan.FromSeconds(2), $"answered after {timer.Elapsed}");
        Assert.Equal(HttpStatusCode.OK, (await held).StatusCode);
        var places = await _stack.DemoCredentials.GetCredentialAsync(PlacesKey);
        Assert.Equal((CredentialStatus.Pending, 0), (places.Status, places.Version));
        Assert.False(_stack.HostHolds(_canary));
    }
}
