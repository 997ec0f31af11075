namespace SkillsOrleans.UnitTests.OpenClaw;

/// <summary>
/// A restart command for tests: a shell script that appends one line per run (its arguments and the flag file
/// variable it was given) to a log file, then does whatever <c>body</c> says.
/// </summary>
internal sealed class FakeRestartScript
{
    public FakeRestartScript(string directory, string body = "exit 0")
    {
        Path = System.IO.Path.Combine(directory, "restart-gateway.sh");
        LogPath = System.IO.Path.Combine(directory, "restart-gateway.log");
        File.WriteAllText(Path, $"#!/bin/sh\necho \"args=$# flag=$SKILLSORLEANS_RELOAD_FLAG_FILE\" >> '{LogPath}'\n{body}\n");
        File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Path { get; }

    public string LogPath { get; }

    public IReadOnlyList<string> Runs => File.Exists(LogPath) ? File.ReadAllLines(LogPath) : [];
}
