using SkillsOrleans.DeploymentTests.Support;

namespace SkillsOrleans.DeploymentTests.Shell;

/// <summary>Every shell script in the repository passes shellcheck (warnings and errors; run from the root, following sources).</summary>
public sealed class ShellcheckTests
{
    private static readonly string[] Folders = [".ci", "deploy", "bench"];

    public static TheoryData<string> Scripts => [.. ShellScripts()];

    [Fact]
    public void The_deployment_scripts_are_among_those_checked()
    {
        Assert.Superset(
            new HashSet<string> { "deploy/docker/http-health.sh", "deploy/docker/silo-entrypoint.sh", "deploy/openclaw/start-openclaw.sh", "deploy/local/test.sh", "deploy/local/lib/prerequisites.sh", ".ci/run" },
            ShellScripts().ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Script_passes_shellcheck(string script)
    {
        var result = await ProcessRunner.RunAsync(ProcessRunner.Require("shellcheck"), ["--external-sources", "--severity=warning", script]);

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task Shellcheck_reports_a_broken_script()
    {
        var script = Path.Combine(Path.GetTempPath(), $"skillsorleans-broken-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(script, "#!/usr/bin/env bash\nunused=1\ncd /tmp\nrm -rf \"$HOME/$undefined_folder\"\n");
        try
        {
            var result = await ProcessRunner.RunAsync(ProcessRunner.Require("shellcheck"), ["--severity=warning", script]);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("SC2164", result.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>Files named *.sh, and files under .ci/ and deploy/ that start with a shell shebang.</summary>
    private static IEnumerable<string> ShellScripts() =>
        Folders
            .Where(folder => Directory.Exists(Repository.PathOf(folder)))
            .SelectMany(folder => Repository.FilesUnder(folder, "*"))
            .Where(file => file.EndsWith(".sh", StringComparison.Ordinal) || IsShellShebang(file))
            .Distinct()
            .Order(StringComparer.Ordinal);

    private static bool IsShellShebang(string file)
    {
        using var reader = new StreamReader(Repository.PathOf(file));
        var first = reader.ReadLine() ?? "";
        return first.StartsWith("#!", StringComparison.Ordinal) && (first.EndsWith("bash", StringComparison.Ordinal) || first.EndsWith("/sh", StringComparison.Ordinal));
    }
}
