using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// Providing a key ahead of any agent's request, through the HTTP API: only for a skill installed on the runtime that
/// declares the key, only by an account admin, only while the account takes key requests; recorded as the admin's.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CredentialProvisionTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Route = $"/api/accounts/demo/credentials/{DemoStack.Runtime}/forecast/FORECAST_API_KEY";
    private static readonly CredentialRef Forecast = new("demo", DemoStack.Runtime, "forecast", "FORECAST_API_KEY");
    private DemoStack _stack = null!;

    public async Task InitializeAsync()
    {
        _stack = await DemoStack.StartAsync(postgres, "provision");
        await _stack.InstallSkillAsync("forecast", "FORECAST_API_KEY");
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task An_admin_opens_a_declared_key_nobody_asked_for_and_delivers_it_like_a_requested_one()
    {
        var admin = await _stack.ClientForAsync("demo-admin");

        var opened = await admin.PostAsync($"{Route}/provision", null);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var pending = await opened.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("pending", 0, 1), (pending.GetProperty("status").GetString(), pending.GetProperty("version").GetInt32(), pending.GetProperty("nextVersion").GetInt32()));

        // Asking again changes nothing.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{Route}/provision", null)).StatusCode);

        var delivered = await admin.PostAsJsonAsync(Route, new { secret = "forecast-ahead-value", expectedVersion = 0 });
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.Equal("active", (await delivered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.True(_stack.HostHolds("forecast-ahead-value"));

        var credential = await _stack.DemoCredentials.GetCredentialAsync(Forecast);
        Assert.Null(credential.RequestedByAgent);
        Assert.Equal("provided ahead of a request by demo-admin", credential.RequestReason);
        var activity = await admin.GetFromJsonAsync<JsonElement>("/api/accounts/demo/activity");
        Assert.Contains(activity.GetProperty("entries").EnumerateArray(), row =>
            row.GetProperty("action").GetString() == "credential.requested" && row.GetProperty("actorKind").GetString() == "user"
            && row.GetProperty("credentialRef").GetString() == $"demo/{DemoStack.Runtime}/forecast/FORECAST_API_KEY");
    }

    [Theory]
    [InlineData("forecast", "OTHER_API_KEY")] // the skill does not declare it
    [InlineData("not-installed", "FORECAST_API_KEY")] // no such skill on the runtime
    public async Task A_key_no_installed_skill_declares_is_refused_and_nothing_is_opened(string skill, string key)
    {
        var admin = await _stack.ClientForAsync("demo-admin");

        var refused = await admin.PostAsync($"/api/accounts/demo/credentials/{DemoStack.Runtime}/{skill}/{key}/provision", null);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("declaring", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await _stack.DemoCredentials.Grain(new CredentialRef("demo", DemoStack.Runtime, skill, key)).GetAsync("demo"));
    }

    [Fact]
    public async Task A_member_may_not_and_an_account_whose_skills_feature_is_off_does_not_take_it()
    {
        var member = await _stack.ClientForAsync("demo-member");
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsync($"{Route}/provision", null)).StatusCode);

        var owner = await _stack.ClientForAsync("demo-owner");
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync("/api/accounts/demo/settings", new { skillsPocEnabled = false })).StatusCode);
        // The API hides the skills routes of such an account; the grain refuses on its own as well.
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostAsync($"{Route}/provision", null)).StatusCode);
        var refused = await Assert.ThrowsAsync<Contracts.Errors.CredentialConflictException>(() =>
            _stack.DemoCredentials.Grain(Forecast).ProvisionAsync("demo", new Contracts.Credentials.CredentialProvision("demo-owner")));
        Assert.Contains("skills feature is off", refused.Message, StringComparison.Ordinal);
        Assert.Null(await _stack.DemoCredentials.Grain(Forecast).GetAsync("demo"));
    }
}
