using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// An external check of a candidate openclaw.json before it replaces the real one, typically a wrapper around
/// <c>openclaw config validate --json</c>. It runs with this process's environment plus
/// <c>OPENCLAW_CONFIG_PATH</c> naming the candidate, and must exit 0 to accept it. Its output may echo config
/// content, env values included, so it is never passed on: only the <c>issues[].path</c> and <c>message</c> of
/// <c>openclaw config validate --json</c> style output are, and otherwise just the exit code.
/// </summary>
internal sealed class ConfigValidatorCommand(string executable, TimeSpan timeout)
{
    private const int MaxOutputChars = 1024 * 1024;
    private const int MaxIssues = 20;

    public string Executable { get; } = executable;

    /// <exception cref="OpenClawConfigRejectedException">The command rejected the candidate, could not be run, or timed out.</exception>
    public async Task CheckAsync(string candidatePath, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.Environment[OpenClawConfigFile.ConfigPathVariable] = candidatePath;

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("no process was started");
        }
        catch (Win32Exception error)
        {
            throw new OpenClawConfigRejectedException(OpenClawConfigRejection.ValidatorUnavailable, $"the validator command '{Executable}' cannot be run ({error.Message})");
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = ReadBoundedAsync(process.StandardOutput);
            var stderr = ReadBoundedAsync(process.StandardError);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            string output;
            try
            {
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
                // A child the command left behind may hold the pipes open; the deadline covers that too.
                output = await stdout.WaitAsync(deadline.Token).ConfigureAwait(false);
                _ = await stderr.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw new OpenClawConfigRejectedException(OpenClawConfigRejection.ValidatorUnavailable, $"the validator command '{Executable}' did not finish within {timeout.TotalSeconds:0} s");
            }

            if (process.ExitCode != 0)
            {
                var issues = IssuesIn(output);
                throw new OpenClawConfigRejectedException(
                    OpenClawConfigRejection.ValidatorRejected,
                    $"the validator command '{Executable}' exited with code {process.ExitCode}" + (issues.Count == 0 ? " (its output is not shown because it may contain config values)" : ""),
                    issues);
            }
        }
    }

    /// <summary>The <c>issues</c> of the JSON object the output ends with, or none when there is no such JSON.</summary>
    internal static IReadOnlyList<OpenClawConfigIssue> IssuesIn(string output)
    {
        var start = output.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(output.AsMemory(start));
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("issues", out var issues)
                || issues.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return [.. issues.EnumerateArray()
                .Where(i => i.ValueKind == JsonValueKind.Object)
                .Select(i => OpenClawConfigIssue.FromUntrusted(StringOrEmpty(i, "path"), StringOrEmpty(i, "message")))
                .Where(i => i.Path.Length > 0 || i.Message.Length > 0)
                .Take(MaxIssues)];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string StringOrEmpty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    /// <summary>Keeps the first megabyte and drains the rest, so a chatty validator cannot block on a full pipe.</summary>
    private static async Task<string> ReadBoundedAsync(StreamReader reader)
    {
        var kept = new StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            if (kept.Length < MaxOutputChars)
            {
                kept.Append(buffer, 0, Math.Min(read, MaxOutputChars - kept.Length));
            }
        }

        return kept.ToString();
    }
}
