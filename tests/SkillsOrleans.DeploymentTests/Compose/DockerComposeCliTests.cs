using System.Text.Json.Nodes;
using SkillsOrleans.DeploymentTests.Support;

namespace SkillsOrleans.DeploymentTests.Compose;

/// <summary>
/// A real Compose implementation reads the files: Debian's docker-compose (1.29, installed by deploy/local/test.sh)
/// interpolates them with an env file, checks them against its own copy of the Compose schema and its own rules
/// (that network_mode names an existing service, that named volumes are declared, ...) and prints the merged result.
/// </summary>
public sealed class DockerComposeCliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("skillsorleans-compose-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Docker_compose_accepts_the_base_file()
    {
        var result = await ComposeAsync(ComposeFiles.FilledEnvironment(), [ComposeFiles.Base], "config", "-q");

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task Docker_compose_merges_the_fleet_overlay_into_two_runtime_hosts()
    {
        var result = await ComposeAsync(ComposeFiles.FilledEnvironment(), [ComposeFiles.Base, ComposeFiles.Fleet], "config");

        Assert.True(result.ExitCode == 0, result.Output);
        var merged = YamlJson.ReadObject(result.StandardOutput);
        var services = merged["services"]!.AsObject();
        Assert.Equal(
            ["api", "migrate", "openclaw-gateway", "openclaw-gateway-2", "postgres", "runtime-silo", "runtime-silo-2", "silo"],
            services.Select(pair => pair.Key).Order(StringComparer.Ordinal));
        Assert.Equal("service:openclaw-gateway", services["runtime-silo"]!["network_mode"]!.GetValue<string>());
        Assert.Equal("service:openclaw-gateway-2", services["runtime-silo-2"]!["network_mode"]!.GetValue<string>());
        Assert.Equal("other-runtime-1", services["runtime-silo-2"]!["environment"]!["RUNTIME_ID"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("POSTGRES_PASSWORD")]
    [InlineData("OPENCLAW_GATEWAY_TOKEN")]
    public async Task Docker_compose_refuses_to_run_without_a_required_secret(string variable)
    {
        var variables = ComposeFiles.FilledEnvironment();
        variables[variable] = "";

        var result = await ComposeAsync(variables, [ComposeFiles.Base], "config", "-q");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"set {variable} in .env", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docker_compose_refuses_the_fleet_without_the_second_hosts_token()
    {
        var variables = ComposeFiles.FilledEnvironment();
        variables["RUNTIME_2_GATEWAY_TOKEN"] = "";

        var result = await ComposeAsync(variables, [ComposeFiles.Base, ComposeFiles.Fleet], "config", "-q");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("set RUNTIME_2_GATEWAY_TOKEN in .env", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docker_compose_refuses_a_runtime_silo_joining_a_missing_gateway()
    {
        var broken = Path.Combine(_directory, "broken.yml");
        await File.WriteAllTextAsync(broken, Repository.Read(ComposeFiles.Base).Replace(
            "network_mode: \"service:openclaw-gateway\"", "network_mode: \"service:no-such-gateway\"", StringComparison.Ordinal));

        var result = await ComposeAsync(ComposeFiles.FilledEnvironment(), [broken], "config", "-q");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no-such-gateway", result.StandardError, StringComparison.Ordinal);
    }

    private async Task<ProcessResult> ComposeAsync(IReadOnlyDictionary<string, string> variables, string[] files, params string[] command)
    {
        var envFile = Path.Combine(_directory, $"{Guid.NewGuid():N}.env");
        await File.WriteAllLinesAsync(envFile, variables.Select(pair => $"{pair.Key}={pair.Value}"));
        var arguments = new List<string> { "--project-directory", Repository.Root, "--env-file", envFile };
        foreach (var file in files)
        {
            arguments.AddRange(["-f", Path.IsPathRooted(file) ? file : Repository.PathOf(file)]);
        }

        arguments.AddRange(command);
        return await ProcessRunner.RunAsync(ProcessRunner.Require("docker-compose"), arguments,
            environment: new Dictionary<string, string?> { ["DOCKER_HOST"] = "unix:///nonexistent/docker.sock" });
    }
}
