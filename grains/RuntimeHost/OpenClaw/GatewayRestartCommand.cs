using System.ComponentModel;
using System.Diagnostics;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// Runs the operator's restart command: the configured executable, directly (no shell, no arguments, nothing of
/// ours interpolated), with <c>SKILLSORLEANS_RELOAD_FLAG_FILE</c> naming the flag file in its environment. Killed
/// with its children when it outlives the timeout.
/// </summary>
internal static class GatewayRestartCommand
{
    public const string FlagFileVariable = "SKILLSORLEANS_RELOAD_FLAG_FILE";

    /// <summary>A one-line account of how it went, for the log.</summary>
    public static async Task<(bool Succeeded, string Result)> RunAsync(string executable, string flagFilePath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable) { UseShellExecute = false };
        start.Environment[FlagFileVariable] = flagFilePath;

        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception error)
        {
            return (false, $"could not start: {error.Message}");
        }

        if (process is null)
        {
            return (false, "could not start");
        }

        using (process)
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            deadline.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                return (false, $"killed after {timeout.TotalSeconds:0.#} s");
            }

            return process.ExitCode == 0 ? (true, "exit 0") : (false, $"exit {process.ExitCode}");
        }
    }
}
