using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// Declining a key request through the HTTP API, with real runtime silos: only admins, only a pending key, only with a
/// reason; the reason reaches the host's workspace for the agent (also when the host was offline at the time), a new
/// request file is set aside with it, and providing the key opens it again.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CredentialDeclineTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Route = $"/api/accounts/demo/credentials/{DemoStack.Runtime}/trello/TRELLO_API_KEY";
    private static readonly CredentialRef Trello = new("demo", DemoStack.Runtime, "trello", "TRELLO_API_KEY");
    private DemoStack _stack = null!;

    public async Task InitializeAsync()
    {
        _stack = await DemoStack.StartAsync(postgres, "decline");
        await _stack.InstallSkillAsync("trello", "TRELLO_API_KEY");
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    private string Inbox => Path.Combine(_stack.Workspace, "requests", "skill-credentials");

    private string Note => Path.Combine(Inbox, "decisions", "trello--TRELLO_API_KEY.json");

    [Fact]
    public async Task An_admin_declines_with_a_reason_the_host_notes_a_new_request_is_set_aside_with_it_and_providing_reopens()
    {
        await _stack.RequestAsync(Trello);
        var admin = await _stack.ClientForAsync("demo-admin");

        var declined = await admin.PostAsJsonAsync($"{Route}/decline", new { reason = "We use Jira, not Trello." });

        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var view = await declined.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("declined", "We use Jira, not Trello.", "demo-admin"),
            (view.GetProperty("status").GetString(), view.GetProperty("declineReason").GetString(), view.GetProperty("updatedBy").GetString()));
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/accounts/demo/credentials?status=declined");
        Assert.Equal(Trello.ToString(), Assert.Single(listed.EnumerateArray()).GetProperty("credentialRef").GetString());
        Assert.Equal("We use Jira, not Trello.", ReadNote().GetProperty("reason").GetString());
        var activity = await admin.GetFromJsonAsync<JsonElement>("/api/accounts/demo/activity");
        Assert.Contains(activity.GetProperty("entries").EnumerateArray(), row => row.GetProperty("action").GetString() == "credential.declined"
            && row.GetProperty("reason").GetString() == "We use Jira, not Trello.");

        // The agent asks again: the file is set aside with the admin's reason, and the key stays declined.
        File.WriteAllText(Path.Combine(Inbox, "again.json"), """{ "skill": "trello", "key": "TRELLO_API_KEY", "agentId": "main" }""");
        var error = await Eventually.ValueAsync(
            () => Task.FromResult(Directory.GetFiles(Path.Combine(Inbox, "failed"), "*-again.json.error.json").SingleOrDefault()),
            path => path is not null);
        var rejection = JsonDocument.Parse(File.ReadAllText(error!)).RootElement;
        Assert.Equal("declined", rejection.GetProperty("code").GetString());
        Assert.EndsWith("We use Jira, not Trello.", rejection.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(CredentialStatus.Declined, (await _stack.DemoCredentials.GetCredentialAsync(Trello)).Status);

        // Providing it after all opens it again and the note goes; a value then goes through as usual.
        var reopened = await admin.PostAsync($"{Route}/provision", null);
        Assert.Equal("pending", (await reopened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.False(File.Exists(Note));
        var delivered = await admin.PostAsJsonAsync(Route, new { secret = "trello-after-all", expectedVersion = 0 });
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.True(_stack.HostHolds("trello-after-all"));
    }

    [Fact]
    public async Task Members_may_not_a_reason_is_required_and_only_a_pending_key_can_be_declined()
    {
        await _stack.RequestAsync(Trello);
        var member = await _stack.ClientForAsync("demo-member");
        var admin = await _stack.ClientForAsync("demo-admin");

        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync($"{Route}/decline", new { reason = "no" })).StatusCode);
        var noReason = await admin.PostAsJsonAsync($"{Route}/decline", new { reason = "  " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(CredentialStatus.Pending, (await _stack.DemoCredentials.GetCredentialAsync(Trello)).Status);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync(Route, new { secret = "trello-value", expectedVersion = 0 })).StatusCode);
        var onActive = await admin.PostAsJsonAsync($"{Route}/decline", new { reason = "too late" });
        Assert.Equal(HttpStatusCode.Conflict, onActive.StatusCode);
        Assert.Contains("not pending", await onActive.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var neverAsked = await admin.PostAsJsonAsync($"/api/accounts/demo/credentials/{DemoStack.Runtime}/trello/NEVER_ASKED/decline", new { reason = "no" });
        Assert.Equal(HttpStatusCode.Conflict, neverAsked.StatusCode);
        Assert.Contains("never requested", await neverAsked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decline_made_while_the_host_was_offline_reaches_its_workspace_when_it_is_back()
    {
        await _stack.RequestAsync(Trello);
        await _stack.StopRuntimeAsync();
        var admin = await _stack.ClientForAsync("demo-admin");

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"{Route}/decline", new { reason = "Not this quarter." })).StatusCode);
        Assert.False(File.Exists(Note));

        await _stack.StartRuntimeAsync();
        await Eventually.TrueAsync(() => Task.FromResult(File.Exists(Note)));
        Assert.Equal("Not this quarter.", ReadNote().GetProperty("reason").GetString());
    }

    private JsonElement ReadNote() => JsonDocument.Parse(File.ReadAllText(Note)).RootElement;
}
