using System.Diagnostics;

namespace SkillsOrleans.OpenClawTests;

/// <summary>deploy/openclaw/start-openclaw.sh, run with bash and a minimal environment in which the real CLI is on PATH.</summary>
public static class StartScript
{
    public static string Path { get; } = System.IO.Path.Combine(RepositoryRoot(), "deploy", "openclaw", "start-openclaw.sh");

    /// <summary>The environment a gateway container would give the script, pointed at the test's directories.</summary>
    public static Dictionary<string, string> Environment(OpenClawCli cli) => new()
    {
        ["PATH"] = $"{cli.BinDir}:/usr/local/bin:/usr/bin:/bin",
        ["HOME"] = cli.StateDir,
        ["NO_COLOR"] = "1",
        ["OPENCLAW_STATE_DIR"] = cli.StateDir,
        ["OPENCLAW_WORKSPACE_DIR"] = cli.WorkspaceDir,
    };

    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("/bin/bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path);
        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "SkillsOrleans.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No SkillsOrleans.sln above {AppContext.BaseDirectory}.");
    }
}
