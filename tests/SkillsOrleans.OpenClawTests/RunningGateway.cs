using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using SkillsOrleans.RuntimeHost.OpenClaw;

namespace SkillsOrleans.OpenClawTests;

/// <summary>
/// A real OpenClaw gateway process (or a script that execs one) on a loopback port, with a private state directory
/// and a minimal environment. Ready once it has answered a <c>secrets.reload</c>; killed, with every child
/// process, when disposed.
/// </summary>
public sealed class RunningGateway : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningGateway(Process process, int port, string token)
    {
        _process = process;
        Port = port;
        Token = token;
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    public string Token { get; }

    public Uri Url => new($"ws://127.0.0.1:{Port}");

    /// <summary>What the process printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Runs <c>openclaw gateway run</c> against the CLI's state directory and config.</summary>
    public static Task<RunningGateway> StartAsync(OpenClawCli cli, int port, string token) =>
        StartAsync(cli, Path.Combine(cli.BinDir, "openclaw"), ["gateway", "run", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "loopback"], port, token, new Dictionary<string, string>
        {
            ["OPENCLAW_GATEWAY_TOKEN"] = token,
        });

    /// <summary>Runs <paramref name="executable"/>, which must end up serving the gateway on <paramref name="port"/>.</summary>
    public static async Task<RunningGateway> StartAsync(OpenClawCli cli, string executable, IEnumerable<string> arguments, int port, string token, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = cli.StateDir,
        };
        start.Environment.Clear();
        start.Environment["PATH"] = $"{cli.BinDir}:/usr/local/bin:/usr/bin:/bin";
        start.Environment["HOME"] = cli.StateDir;
        start.Environment["OPENCLAW_STATE_DIR"] = cli.StateDir;
        start.Environment["OPENCLAW_CONFIG_PATH"] = cli.ConfigPath;
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var gateway = new RunningGateway(Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}."), port, token);
        try
        {
            await gateway.WaitUntilReadyAsync();
            return gateway;
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
    }

    public OpenClawGatewayClient Client(string? token = null) =>
        new(new OpenClawGatewayOptions { Url = Url, Token = token ?? Token });

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    /// <summary>The port accepts connections first; the gateway answers RPCs a few seconds later, once its sidecars run.</summary>
    private async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        GatewayReloadException? last = null;
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The gateway exited with {_process.ExitCode} before it was ready:\n{Output}");
            }

            if (await AcceptsConnectionsAsync())
            {
                try
                {
                    await Client().ReloadSecretsAsync(CancellationToken.None);
                    return;
                }
                catch (GatewayReloadException error) when (error.Failure is GatewayReloadFailure.GatewayBusy or GatewayReloadFailure.GatewayUnreachable or GatewayReloadFailure.Timeout)
                {
                    last = error;
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The gateway on port {Port} was not ready within {StartTimeout} ({last?.Message}):\n{Output}");
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        using var probe = new TcpClient();
        try
        {
            await probe.ConnectAsync("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
