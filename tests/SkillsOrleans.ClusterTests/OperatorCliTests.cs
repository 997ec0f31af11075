using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SkillsOrleans.Cli;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// The operator CLI's commands run against the demo stack's API, as a script would use them: JSON on stdout, errors on
/// stderr with a non-zero exit, the caller's own token deciding what it may do.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OperatorCliTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly CredentialRef WhisperKey = new("demo", DemoStack.Runtime, "openai-whisper-api", "OPENAI_API_KEY");
    private DemoStack _stack = null!;
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        _stack = await DemoStack.StartAsync(postgres, "operator-cli");
        await _stack.RequestAsync(WhisperKey);
        foreach (var subject in new[] { "platform-admin", "demo-admin" })
        {
            using var client = await _stack.ClientForAsync(subject);
            _tokens[subject] = client.DefaultRequestHeaders.Authorization!.Parameter!;
        }
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    /// <summary>Runs the CLI as <paramref name="subject"/>: exit code, stdout parsed as JSON (null when empty), stderr.</summary>
    private async Task<(int Exit, JsonElement? Json, string Errors)> RunAsync(string subject, params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await OperatorCommands.RunAsync(args, output, errors, (_, _) =>
        {
            var http = _stack.Api.CreateClient();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[subject]);
            return http;
        });
        var text = output.ToString();
        return (exit, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : null, errors.ToString());
    }

    [Fact]
    public async Task Runtimes_and_the_keys_waiting_are_listed_as_the_api_answers_them()
    {
        var (exit, fleet, errors) = await RunAsync("platform-admin", "runtimes", "list");
        Assert.True(exit == 0, errors);
        Assert.Contains(fleet!.Value.EnumerateArray(), r => r.GetProperty("runtime").GetString() == DemoStack.Runtime);

        var (summaryExit, summary, _) = await RunAsync("platform-admin", "runtimes", "summary");
        Assert.Equal(0, summaryExit);
        Assert.True(summary!.Value.GetProperty("keysWaiting").GetInt32() >= 1);

        var (requestsExit, requests, _) = await RunAsync("demo-admin", "requests", "list", "--account", "demo");
        Assert.Equal(0, requestsExit);
        var pending = requests!.Value.EnumerateArray().ToList();
        Assert.Contains(pending, c => c.GetProperty("credentialRef").GetString() == WhisperKey.ToString());
        Assert.All(pending, c => Assert.Equal("pending", c.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_pending_request_is_declined_with_a_reason_and_declining_it_again_is_refused_with_the_apis_problem()
    {
        var (exit, declined, errors) = await RunAsync("demo-admin", "requests", "decline", WhisperKey.ToString(), "--reason", "Use the local model.");

        Assert.True(exit == 0, errors);
        Assert.Equal(("declined", "Use the local model."),
            (declined!.Value.GetProperty("status").GetString(), declined.Value.GetProperty("declineReason").GetString()));
        var (again, _, conflict) = await RunAsync("demo-admin", "requests", "decline", WhisperKey.ToString(), "--reason", "still no");
        Assert.Equal(1, again);
        Assert.StartsWith("409", conflict, StringComparison.Ordinal);
        var (noReason, _, usage) = await RunAsync("demo-admin", "requests", "decline", WhisperKey.ToString());
        Assert.Equal((2, true), (noReason, usage.Contains("--reason", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_platform_admin_binds_a_runtime_and_an_account_admin_may_not()
    {
        var (refused, _, refusal) = await RunAsync("demo-admin", "runtimes", "bind", "spare-runtime-1", "--account", "demo");
        Assert.Equal(1, refused);
        Assert.StartsWith("403", refusal, StringComparison.Ordinal);

        var (exit, bound, errors) = await RunAsync("platform-admin", "runtimes", "bind", "spare-runtime-1", "--account", "demo");
        Assert.True(exit == 0, errors);
        Assert.NotNull(bound);
        Assert.Contains((await _stack.Account("demo").GetAsync())!.Runtimes, r => r.RuntimeId == "spare-runtime-1");
    }

    [Fact]
    public async Task A_key_is_revoked_once_and_a_second_revoke_of_the_same_version_is_refused_with_the_apis_problem()
    {
        var admin = await _stack.ClientForAsync("demo-admin");
        var submitted = await admin.PostAsJsonAsync("/admin/skills/credentials",
            new { accountId = "demo", credentialRef = WhisperKey.ToString(), secret = "sk-cli-revoke", expectedVersion = 0 });
        submitted.EnsureSuccessStatusCode();

        var (exit, revoked, errors) = await RunAsync("demo-admin", "keys", "revoke", WhisperKey.ToString(), "--expected-version", "1");
        Assert.True(exit == 0, errors);
        Assert.Equal("revoked", revoked!.Value.GetProperty("status").GetString());
        Assert.False(_stack.HostHolds("sk-cli-revoke"));

        var (again, _, conflict) = await RunAsync("demo-admin", "keys", "revoke", WhisperKey.ToString(), "--expected-version", "1");
        Assert.Equal(1, again);
        Assert.StartsWith("409", conflict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drift_shows_the_runtimes_last_reconciliation()
    {
        var (exit, drift, errors) = await RunAsync("demo-admin", "drift", DemoStack.Runtime);

        Assert.True(exit == 0, errors);
        Assert.Equal(DemoStack.Runtime, drift!.Value.GetProperty("runtime").GetString());
        var reconciliation = drift.Value.GetProperty("reconciliation");
        Assert.Equal(JsonValueKind.Array, reconciliation.GetProperty("drift").ValueKind);
        Assert.False(string.IsNullOrEmpty(reconciliation.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task A_command_line_that_does_not_parse_exits_2_and_a_missing_token_exits_1_without_calling_anyone()
    {
        var (missingOption, _, usage) = await RunAsync("demo-admin", "keys", "revoke", WhisperKey.ToString());
        Assert.Equal(2, missingOption);
        Assert.Contains("--expected-version", usage, StringComparison.Ordinal);

        var (badRef, _, badRefError) = await RunAsync("demo-admin", "keys", "revoke", "not-a-ref", "--expected-version", "1");
        Assert.Equal(1, badRef);
        Assert.Contains("account/runtime/skill/KEY_NAME", badRefError, StringComparison.Ordinal);

        var errors = new StringWriter();
        var noToken = await OperatorCommands.RunAsync(["runtimes", "list", "--token-file", "/dev/null"], new StringWriter(), errors, ApiConnection.FromEnvironment);
        Assert.Equal(1, noToken);
        Assert.Contains("no token", errors.ToString(), StringComparison.Ordinal);
    }
}
