using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SkillsOrleans.ClusterTests;

/// <summary>A JWKS endpoint on a free loopback port whose key set the test can swap, counting how often it is read.</summary>
public sealed class JwksTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private string _document = """{"keys":[]}""";
    private int _reads;

    private JwksTestServer(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public int Reads => Volatile.Read(ref _reads);

    public static async Task<JwksTestServer> StartAsync(params TestSigningKey[] keys)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var server = new JwksTestServer(builder.Build());
        server.Publish(keys);
        server._app.MapGet("/.well-known/jwks.json", () =>
        {
            Interlocked.Increment(ref server._reads);
            return Results.Text(Volatile.Read(ref server._document), "application/json");
        });
        await server._app.StartAsync();
        server.Url = server._app.Urls.Single() + "/.well-known/jwks.json";
        return server;
    }

    /// <summary>From now on the JWKS holds exactly these public keys.</summary>
    public void Publish(params TestSigningKey[] keys) =>
        Volatile.Write(ref _document, JsonSerializer.Serialize(new { keys = keys.Select(key => key.PublicJwk) }));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
