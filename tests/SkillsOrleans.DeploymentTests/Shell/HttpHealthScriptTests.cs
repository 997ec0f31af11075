using System.Net;
using System.Net.Sockets;
using SkillsOrleans.DeploymentTests.Support;

namespace SkillsOrleans.DeploymentTests.Shell;

/// <summary>deploy/docker/http-health.sh, the images' health check, against a real HTTP server on a loopback port.</summary>
public sealed class HttpHealthScriptTests : IAsyncDisposable
{
    private const string Script = "deploy/docker/http-health.sh";
    private readonly LoopbackHttpServer _server = new(path => (path == "/health" ? 200 : 503, "{\"status\":\"x\"}"));
    private int Port => _server.Port;

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task A_200_is_healthy()
    {
        var result = await RunAsync($"http://127.0.0.1:{Port}/health");

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task A_503_is_unhealthy_and_says_what_it_got()
    {
        var result = await RunAsync($"http://127.0.0.1:{Port}/unavailable");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("503", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closedPort_is_unhealthy()
    {
        var result = await RunAsync($"http://127.0.0.1:{LoopbackHttpServer.FreePort()}/health");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("connection refused", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_answers_is_unhealthy_after_the_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var started = DateTime.UtcNow;

        var result = await RunAsync($"http://127.0.0.1:{port}/health", timeoutSeconds: "1");

        Assert.Equal(1, result.ExitCode);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("")]
    [InlineData("https://127.0.0.1:8080/health")]
    [InlineData("http://127.0.0.1/health")]
    public async Task Anything_but_an_http_url_with_aPort_is_a_usage_error(string url)
    {
        var result = await RunAsync(url);

        Assert.Equal(2, result.ExitCode);
    }

    private static Task<ProcessResult> RunAsync(string url, string timeoutSeconds = "5") =>
        ProcessRunner.RunAsync("bash", [Repository.PathOf(Script), url],
            environment: new Dictionary<string, string?> { ["HTTP_HEALTH_TIMEOUT"] = timeoutSeconds }, timeout: TimeSpan.FromSeconds(30));
}
