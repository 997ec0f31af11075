using SkillsOrleans.DeploymentTests.Support;

namespace SkillsOrleans.DeploymentTests.Shell;

/// <summary>
/// deploy/docker/silo-entrypoint.sh with stand-ins for <c>hostname</c> (the addresses of the network namespace) and
/// <c>dotnet</c> (prints what it was given), so the address a silo advertises is checked without a container.
/// </summary>
public sealed class SiloEntrypointScriptTests : IDisposable
{
    private readonly string _bin = Directory.CreateTempSubdirectory("skillsorleans-entrypoint-").FullName;

    public SiloEntrypointScriptTests()
    {
        Write("dotnet", "#!/usr/bin/env bash\necho \"advertised=${Orleans__AdvertisedIP:-}\"\necho \"args=$*\"\n");
    }

    public void Dispose() => Directory.Delete(_bin, recursive: true);

    [Fact]
    public async Task Advertises_the_first_ipv4_address_that_is_not_loopback()
    {
        Write("hostname", "#!/bin/sh\n[ \"$1\" = -I ] && echo '127.0.0.1 fd00::5 172.18.0.7 10.0.0.3 '\n");

        var result = await RunAsync(null);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("advertised=172.18.0.7", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("args=/app/SkillsOrleans.Silo.dll", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keeps_an_address_set_by_the_orchestrator()
    {
        Write("hostname", "#!/bin/sh\necho 172.18.0.7\n");

        var result = await RunAsync("10.244.1.23");

        Assert.Contains("advertised=10.244.1.23", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_to_start_a_silo_it_cannot_give_an_address()
    {
        Write("hostname", "#!/bin/sh\necho '127.0.0.1 fd00::5'\n");

        var result = await RunAsync(null);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("set Orleans__AdvertisedIP", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("args=", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_needs_no_address_and_passes_its_arguments_on()
    {
        Write("hostname", "#!/bin/sh\nexit 1\n");

        var result = await RunAsync(null, "migrate");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("args=/app/SkillsOrleans.Silo.dll migrate", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("advertised=\n", result.StandardOutput, StringComparison.Ordinal);
    }

    private Task<ProcessResult> RunAsync(string? advertised, params string[] arguments) =>
        ProcessRunner.RunAsync("bash", [Repository.PathOf("deploy/docker/silo-entrypoint.sh"), .. arguments],
            environment: new Dictionary<string, string?>
            {
                ["PATH"] = $"{_bin}:/usr/bin:/bin",
                ["Orleans__AdvertisedIP"] = advertised,
            });

    private void Write(string name, string content)
    {
        var path = Path.Combine(_bin, name);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
