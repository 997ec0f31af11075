using System.Text.Json.Nodes;
using SkillsOrleans.DeploymentTests.Compose;
using SkillsOrleans.DeploymentTests.Dockerfiles;
using SkillsOrleans.DeploymentTests.Support;

namespace SkillsOrleans.DeploymentTests.Shell;

/// <summary>
/// The gateway's health check (the node one-liner in docker-compose.yml and in the gateway image) run with node
/// against a server that answers as OpenClaw 2026.9.6's <c>/healthz</c> does (<c>{"ok":true,"status":"live"}</c>),
/// and against answers it must refuse.
/// </summary>
public sealed class GatewayHealthcheckTests : IAsyncDisposable
{
    private readonly LoopbackHttpServer _server;
    private string _body = "";
    private int _status = 200;

    public GatewayHealthcheckTests() => _server = new LoopbackHttpServer(path => (path == "/healthz" ? _status : 404, _body));

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public void Compose_and_the_image_use_the_same_check()
    {
        var image = DockerfileSource.Load("deploy/openclaw/Dockerfile").Named("HEALTHCHECK").Single().Arguments;
        var imageCommand = JsonNode.Parse(image[(image.IndexOf("CMD [", StringComparison.Ordinal) + 4)..])!.AsArray().Select(part => part!.GetValue<string>());

        Assert.Equal(ComposeCheck().Skip(1), imageCommand);
    }

    [NodeFact]
    public async Task A_live_gateway_is_healthy()
    {
        _body = "{\"ok\":true,\"status\":\"live\"}";

        Assert.Equal(0, (await RunAsync()).ExitCode);
    }

    [NodeFact]
    public async Task A_catch_all_page_or_a_failing_probe_is_unhealthy()
    {
        _body = "<!doctype html><title>Control UI</title>";
        Assert.Equal(1, (await RunAsync()).ExitCode);

        _body = "{\"ok\":false,\"status\":\"draining\"}";
        _status = 503;
        Assert.Equal(1, (await RunAsync()).ExitCode);
    }

    [NodeFact]
    public async Task A_gateway_that_is_not_listening_is_unhealthy()
    {
        _server.Stop();

        Assert.Equal(1, (await RunAsync()).ExitCode);
    }

    private static string[] ComposeCheck() =>
        [.. ComposeFiles.Load(ComposeFiles.Base, ComposeFiles.FilledEnvironment())["x-gateway-healthcheck"]!["test"]!.AsArray().Select(part => part!.GetValue<string>())];

    private Task<ProcessResult> RunAsync()
    {
        var command = ComposeCheck();
        Assert.Equal(["CMD", "node", "-e"], command[..3]);
        var script = command[3].Replace("127.0.0.1:18789", $"127.0.0.1:{_server.Port}", StringComparison.Ordinal);
        return ProcessRunner.RunAsync(ProcessRunner.Require("node"), ["-e", script], timeout: TimeSpan.FromSeconds(30));
    }
}

/// <summary>A fact that needs <c>node</c> (18 or later, for fetch); skipped, saying so, when it is not on PATH.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (ProcessRunner.Find("node") is null)
        {
            Skip = "node is not on PATH: install Node.js to run the gateway's health check.";
        }
    }
}
