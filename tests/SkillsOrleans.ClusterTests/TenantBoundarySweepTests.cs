using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// Every authenticated endpoint the API serves — found from its routing table, so an endpoint added later is swept
/// too — called against <c>demo</c>'s resources by <c>other-admin</c> (another tenant's admin) and, for writes, by
/// <c>demo-member</c>. Account and runtime routes answer 404 to the stranger and 403 to the member, platform routes
/// 403 to both, and afterwards nothing of <c>demo</c> has changed: members, settings, runtimes, credentials, audit
/// trail and the host secret file.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TenantBoundarySweepTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly CredentialRef WhisperKey = new("demo", DemoStack.Runtime, "openai-whisper-api", "OPENAI_API_KEY");
    private readonly string _canary = "sk-sweep-" + Guid.NewGuid().ToString("N");
    private DemoStack _stack = null!;

    public async Task InitializeAsync()
    {
        _stack = await DemoStack.StartAsync(postgres, "sweep");
        await _stack.RequestAsync(WhisperKey);
        var admin = await _stack.ClientForAsync("demo-admin");
        var submitted = await admin.PostAsJsonAsync("/admin/skills/credentials",
            new { accountId = "demo", credentialRef = WhisperKey.ToString(), secret = "sk-kept", expectedVersion = 0 });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task Another_tenant_s_admin_gets_404_everywhere_and_a_member_cannot_write_and_nothing_changes()
    {
        var stranger = await _stack.ClientForAsync("other-admin");
        var member = await _stack.ClientForAsync("demo-member");
        var before = await StateAsync();
        var endpoints = ProtectedEndpoints();
        Assert.True(endpoints.Count >= 15, $"only {endpoints.Count} protected endpoints found");

        var failures = new List<string>();
        foreach (var (method, pattern, platform) in endpoints)
        {
            var path = Fill(pattern);
            var strangerAnswer = await SendAsync(stranger, method, path);
            Expect(failures, "other-admin", method, path, platform ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound, strangerAnswer);
            if (method != "GET")
            {
                Expect(failures, "demo-member", method, path, HttpStatusCode.Forbidden, await SendAsync(member, method, path));
            }
        }

        Assert.Empty(failures);
        Assert.Equal(before, await StateAsync());
        Assert.False(_stack.HostHolds(_canary));
    }

    /// <summary>Every route under /api or /admin that requires a signed-in caller, with its methods.</summary>
    private List<(string Method, string Pattern, bool Platform)> ProtectedEndpoints()
    {
        using var warmUp = _stack.Api.CreateClient(); // the host is built on first use
        return
        [
            .. _stack.Api.Services.GetRequiredService<EndpointDataSource>().Endpoints
                .OfType<RouteEndpoint>()
                .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is not null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
                .Select(e => (Endpoint: e, Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/')))
                .Where(e => e.Pattern.StartsWith("/api/", StringComparison.Ordinal) || e.Pattern.StartsWith("/admin/", StringComparison.Ordinal))
                .Where(e => e.Pattern != "/api/me")
                .SelectMany(e => e.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
                    .Select(method => (method, e.Pattern, e.Pattern.StartsWith("/api/platform/", StringComparison.Ordinal)))),
        ];
    }

    private static string Fill(string pattern) => pattern
        .Replace("{account}", "demo", StringComparison.Ordinal)
        .Replace("{runtime}", DemoStack.Runtime, StringComparison.Ordinal)
        .Replace("{skillKey}", WhisperKey.SkillKey, StringComparison.Ordinal)
        .Replace("{keyName}", WhisperKey.KeyName, StringComparison.Ordinal)
        .Replace("{subject}", "demo-admin", StringComparison.Ordinal);

    /// <summary>A body that would be a valid, damaging request if the caller were allowed: every field any write reads.</summary>
    private string Body() => JsonSerializer.Serialize(new
    {
        accountId = "demo",
        credentialRef = WhisperKey.ToString(),
        secret = _canary,
        expectedVersion = 1,
        role = "owner",
        skillsPocEnabled = false,
        displayName = "Taken over",
        ownerSubject = "other-admin",
    });

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent(Body(), Encoding.UTF8, "application/json");
        }

        if (path.EndsWith("/events", StringComparison.Ordinal))
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        }

        return await client.SendAsync(request);
    }

    private static void Expect(List<string> failures, string caller, string method, string path, HttpStatusCode expected, HttpResponseMessage answer)
    {
        using (answer)
        {
            if (answer.StatusCode != expected)
            {
                failures.Add($"{caller} {method} {path}: {(int)answer.StatusCode}, expected {(int)expected}");
            }
        }
    }

    /// <summary>Everything of demo a stray request could have changed, as one comparable string.</summary>
    private async Task<string> StateAsync()
    {
        var account = (await _stack.Demo.GetAsync())!;
        var credentials = await _stack.Demo.ListCredentialsAsync(null);
        var auditRows = await Sql.ScalarAsync<long>(_stack.Database, "SELECT count(*) FROM skillsorleans_audit WHERE account_id = 'demo'");
        return string.Join('\n',
            $"flag {account.SkillsPocEnabled} name {account.DisplayName}",
            string.Join(',', account.Members.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value}")),
            string.Join(',', account.Runtimes.Select(r => r.RuntimeId)),
            string.Join(',', credentials.Select(c => $"{c.CredentialRef}:{c.Status}:{c.Version}:{c.Fingerprint}")),
            $"audit rows {auditRows}",
            File.ReadAllText(_stack.SecretsFile));
    }
}
