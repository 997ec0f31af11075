using System.Diagnostics;
using System.Text.Json;

namespace SkillsOrleans.OpenClawTests;

/// <summary>
/// The real <c>openclaw</c> CLI, run offline against a private state directory and config file. Found through
/// <c>OPENCLAW_BIN_DIR</c> (set by deploy/local/test.sh, which installs Node 24 and the pinned openclaw).
/// Every run gets a minimal environment, so nothing from the test process (an API key in the shell, say) leaks in.
/// </summary>
public sealed class OpenClawCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a validator made by <see cref="WriteValidatorScript"/> may run: a whole CLI start-up, which takes
    /// seconds alone and has taken over 20 s (the product's default) on two cores shared with the other test projects.
    /// </summary>
    public static TimeSpan ValidatorTimeout => Timeout;

    public OpenClawCli(string stateDir, string workspaceDir)
    {
        BinDir = Environment.GetEnvironmentVariable("OPENCLAW_BIN_DIR")
            ?? throw new InvalidOperationException("OPENCLAW_BIN_DIR is not set; run the tests with deploy/local/test.sh, which installs the openclaw CLI.");
        StateDir = stateDir;
        WorkspaceDir = workspaceDir;
    }

    public string BinDir { get; }

    public string StateDir { get; }

    public string WorkspaceDir { get; }

    public string ConfigPath => Path.Combine(StateDir, "openclaw.json");

    /// <summary>Writes the smallest config the offline commands accept, plus whatever the test merges in later.</summary>
    public void WriteMinimalConfig() =>
        File.WriteAllText(ConfigPath, JsonSerializer.Serialize(new
        {
            gateway = new { mode = "local" },
            agents = new { defaults = new { workspace = WorkspaceDir } },
        }));

    public async Task<(int ExitCode, JsonElement Json, string StdErr)> RunJsonAsync(params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await RunAsync(arguments);
        var start = stdout.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"openclaw {string.Join(' ', arguments)} printed no JSON (exit {exitCode}):\n{stdout}\n{stderr}");
        }

        using var document = JsonDocument.Parse(stdout[start..]);
        return (exitCode, document.RootElement.Clone(), stderr);
    }

    public Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(params string[] arguments) =>
        RunToolAsync("openclaw", arguments);

    /// <summary>
    /// A script run with the CLI's own Node, as an agent runs a skill's helper: in the same minimal environment, from
    /// <paramref name="workingDirectory"/>, with no workspace variable (the helper finds the workspace it is installed in).
    /// </summary>
    public async Task<(int ExitCode, JsonElement Json)> RunNodeScriptAsync(string script, string workingDirectory, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await RunToolAsync("node", [script, .. arguments], workingDirectory);
        using var document = JsonDocument.Parse(stdout.Length > 0 ? stdout : throw new InvalidOperationException($"{script} printed nothing (exit {exitCode}): {stderr}"));
        return (exitCode, document.RootElement.Clone());
    }

    private async Task<(int ExitCode, string StdOut, string StdErr)> RunToolAsync(string tool, string[] arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(Path.Combine(BinDir, tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? StateDir,
        };
        start.Environment.Clear();
        start.Environment["PATH"] = $"{BinDir}:/usr/local/bin:/usr/bin:/bin";
        start.Environment["HOME"] = StateDir;
        start.Environment["OPENCLAW_STATE_DIR"] = StateDir;
        start.Environment["OPENCLAW_CONFIG_PATH"] = ConfigPath;
        start.Environment["NO_COLOR"] = "1";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Timeout);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The folder of skills bundled with the installed openclaw package.</summary>
    public string BundledSkillsDir =>
        Path.GetFullPath(Path.Combine(BinDir, "..", "cli", "node_modules", "openclaw", "skills"));

    /// <summary>
    /// The validator the silo image configures (<c>deploy/docker/openclaw-config-validate.sh</c>, which runs
    /// <c>openclaw config validate --json</c> on whatever <c>OPENCLAW_CONFIG_PATH</c> names), behind a shim that points
    /// it at this CLI instead of the image's: what a runtime host runs, tested with the real CLI.
    /// </summary>
    public string WriteValidatorScript(string path)
    {
        var validator = Path.Combine(StartScript.RepositoryRoot(), "deploy", "docker", "openclaw-config-validate.sh");
        File.WriteAllText(path, $"""
            #!/bin/sh
            OPENCLAW_VALIDATOR_PATH='{BinDir}:/usr/bin:/bin' exec '{validator}'
            """ + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
