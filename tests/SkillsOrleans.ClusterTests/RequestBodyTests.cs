using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// The request body cap (64 KiB by default) and unreadable bodies, on the in-process test server and on a real
/// Kestrel listening on a loopback port: problem details, never a 500, and nothing stored.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RequestBodyTests(DemoStackFixture fixture) : IClassFixture<DemoStackFixture>
{
    private readonly DemoStack _stack = fixture.Stack;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_oversized_body_is_413_problem_details_and_nothing_is_stored(bool kestrel)
    {
        var key = await _stack.RequestAsync(kestrel ? "notion" : "trello", kestrel ? "NOTION_API_KEY" : "TRELLO_API_KEY");
        var canary = "sk-canary-" + Guid.NewGuid().ToString("N");
        await using var api = _stack.CreateApi();
        if (kestrel)
        {
            api.UseKestrel(0);
        }

        var admin = await DemoStack.ClientForAsync(api, "demo-admin");

        // A valid submission padded past the cap with a property the API ignores: only the cap stops it.
        var padded = Submission(key, canary, padding: new string('x', 70 * 1024));
        var declared = await admin.PostAsync("/admin/skills/credentials", new StringContent(padded, Encoding.UTF8, "application/json"));
        using var chunkedContent = new StringContent(padded, Encoding.UTF8, "application/json");
        using var chunkedRequest = new HttpRequestMessage(HttpMethod.Post, "/admin/skills/credentials") { Content = chunkedContent };
        chunkedRequest.Headers.TransferEncodingChunked = true;
        var chunked = await admin.SendAsync(chunkedRequest);
        var afterRefusals = await _stack.DemoCredentials.GetCredentialAsync(key);
        var heldAfterRefusals = _stack.HostHolds(canary);
        var unpadded = await admin.PostAsync("/admin/skills/credentials", new StringContent(Submission(key, canary), Encoding.UTF8, "application/json"));

        Assert.Equal(kestrel, api.Services.GetRequiredService<IServer>() is not TestServer);
        await AssertProblemAsync(declared, HttpStatusCode.RequestEntityTooLarge);
        await AssertProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal((CredentialStatus.Pending, 0), (afterRefusals.Status, afterRefusals.Version));
        Assert.False(heldAfterRefusals);
        Assert.Equal(HttpStatusCode.OK, unpadded.StatusCode);
    }

    [Fact]
    public async Task A_malformed_or_mistyped_body_is_a_4xx_problem_not_a_500()
    {
        var key = await _stack.RequestAsync("openai-whisper-api", "OPENAI_API_KEY");
        var admin = await _stack.ClientForAsync("demo-admin");

        var truncated = await admin.PostAsync("/admin/skills/credentials",
            new StringContent($$"""{"accountId":"demo","credentialRef":"{{key}}","secret":"sk-""", Encoding.UTF8, "application/json"));
        var wrongType = await admin.PostAsync("/admin/skills/credentials",
            new StringContent($$"""{"accountId":"demo","credentialRef":"{{key}}","secret":"sk-1","expectedVersion":"one"}""", Encoding.UTF8, "application/json"));
        var notJson = await admin.PostAsync("/admin/skills/credentials", new StringContent("secret=sk-1", Encoding.UTF8, "text/plain"));
        var badQuery = await admin.GetAsync("/api/accounts/demo/credentials?status=Sideways");

        await AssertProblemAsync(truncated, HttpStatusCode.BadRequest);
        await AssertProblemAsync(wrongType, HttpStatusCode.BadRequest);
        await AssertProblemAsync(notJson, HttpStatusCode.UnsupportedMediaType);
        await AssertProblemAsync(badQuery, HttpStatusCode.BadRequest);
        Assert.Equal(CredentialStatus.Pending, (await _stack.DemoCredentials.GetCredentialAsync(key)).Status);
    }

    private static string Submission(CredentialRef key, string secret, string? padding = null) => JsonSerializer.Serialize(
        new { accountId = "demo", credentialRef = key.ToString(), secret, expectedVersion = 0, padding });

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }
}
