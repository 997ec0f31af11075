using System.Diagnostics;

namespace SkillsOrleans.CrashHarness;

/// <summary>
/// One process of the stack, started as deploy/local/run.sh starts it (<c>dotnet &lt;dll&gt;</c> with environment
/// variables), its output appended to its own log file. It can be killed with SIGKILL and started again with the same
/// settings, optionally with extra variables (a crash point) for that one life.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    /// <summary>Inherited variables that would change what the process is; each node gets its own explicitly.</summary>
    private static readonly string[] ClearedPrefixes =
        ["SKILLSORLEANS_CRASH_", "ASPNETCORE_", "Urls", "ConnectionStrings__", "Orleans__", "RUNTIME_", "OPENCLAW_", "DevIssuer__", "Seed__"];

    private readonly IReadOnlyList<string> _arguments;
    private readonly IReadOnlyDictionary<string, string> _environment;

    // The chaos watcher reads the process's state while a restart replaces it.
    private readonly Lock _lock = new();
    private Process? _process;
    private bool _killedByUs;

    public ClusterNode(string name, NodeKind kind, Uri url, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string logFile)
    {
        Name = name;
        Kind = kind;
        Url = url;
        _arguments = arguments;
        _environment = environment;
        LogFile = logFile;
    }

    public string Name { get; }

    public NodeKind Kind { get; }

    /// <summary>Where its <c>/health</c> (and, for an API, everything else) answers.</summary>
    public Uri Url { get; }

    public string LogFile { get; }

    /// <summary>The running process's id, for readings from <c>/proc</c>; null when it is not running.</summary>
    public int? ProcessId
    {
        get
        {
            lock (_lock)
            {
                return _process is { HasExited: false } running ? running.Id : null;
            }
        }
    }

    /// <summary>From the last start to its first healthy answer (for a runtime silo: its runtime registered).</summary>
    public TimeSpan? LastStartTook { get; internal set; }

    /// <summary>The crash point this life was started with, if any.</summary>
    public string? ArmedCrashPoint { get; private set; }

    public bool IsRunning
    {
        get
        {
            lock (_lock)
            {
                return _process is { HasExited: false };
            }
        }
    }

    /// <summary>True when the process ended without the harness killing it (a crash point, or a crash).</summary>
    public bool DiedOnItsOwn
    {
        get
        {
            lock (_lock)
            {
                return _process is { HasExited: true } && !_killedByUs;
            }
        }
    }

    public int? ExitCode
    {
        get
        {
            lock (_lock)
            {
                return _process is { HasExited: true } process ? process.ExitCode : null;
            }
        }
    }

    public void Start(IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is running.");
        }

        // sh redirects the output to the log and then becomes dotnet itself (exec), so the pid is the process to kill.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in (string[])["-c", "log=$1; shift; exec \"$@\" >>\"$log\" 2>&1", "sh", LogFile, "dotnet", .. _arguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(key => ClearedPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal))).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in _environment.Concat(extraEnvironment ?? new Dictionary<string, string>()))
        {
            start.Environment[key] = value;
        }

        File.AppendAllText(LogFile, $"==== harness: starting {Name} at {DateTimeOffset.UtcNow:O}" +
            (extraEnvironment is { Count: > 0 } ? $" with {string.Join(' ', extraEnvironment.Select(e => $"{e.Key}={e.Value}"))}" : "") + Environment.NewLine);
        lock (_lock)
        {
            _process?.Dispose();
            _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Name}.");
            _process.StandardInput.Close();
            _killedByUs = false;
            ArmedCrashPoint = extraEnvironment is not null && extraEnvironment.TryGetValue(CrashPointVariables.Points, out var point) ? point : null;
        }
    }

    /// <summary>SIGKILL, then waits for the exit. True only if the process was running and is now gone.</summary>
    public async Task<bool> KillAsync()
    {
        if (TakeRunningProcess() is not { } process)
        {
            return false;
        }

        process.Kill(); // SIGKILL on Linux
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }

        return process.HasExited;
    }

    /// <summary>
    /// SIGTERM, as an orchestrator stops a process, then waits for it to finish its own shutdown (a silo leaves the
    /// cluster and deactivates its grains). True if it exited within <paramref name="timeout"/>; it is killed otherwise.
    /// </summary>
    public async Task<bool> StopGracefullyAsync(TimeSpan timeout)
    {
        if (TakeRunningProcess() is not { } process)
        {
            return false;
        }

        using (var signal = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            return false;
        }
    }

    /// <summary>The running process, marked as stopped by the harness so its exit is not read as a crash; null if none runs.</summary>
    private Process? TakeRunningProcess()
    {
        lock (_lock)
        {
            if (_process is not { HasExited: false } running)
            {
                return null;
            }

            _killedByUs = true;
            return running;
        }
    }

    /// <summary>Polls <c>/health</c> until it answers 200; fails early if the process exits.</summary>
    public async Task WaitHealthyAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            if (!IsRunning)
            {
                throw new InvalidOperationException($"{Name} exited (code {ExitCode}) while starting; see {LogFile}.");
            }

            try
            {
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var response = await http.GetAsync(new Uri(Url, "/health"), probe.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception error) when (error is HttpRequestException or OperationCanceledException)
            {
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} did not become healthy at {Url}health within {timeout.TotalSeconds:0} s; see {LogFile}.");
            }

            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        lock (_lock)
        {
            _process?.Dispose();
            _process = null;
        }
    }
}
