using System.Diagnostics;
using System.Net.Sockets;

namespace SkillsOrleans.UnitTests.Workspace;

/// <summary>Real FIFOs and Unix sockets in a directory, as an agent could leave them in its workspace.</summary>
internal static class SpecialFiles
{
    /// <summary>How long a test waits for a scan that must not block on a FIFO.</summary>
    public static readonly TimeSpan ScanDeadline = TimeSpan.FromSeconds(10);

    public static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("/usr/bin/mkfifo", [path]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("mkfifo did not start");
        mkfifo.WaitForExit();
        if (mkfifo.ExitCode != 0)
        {
            throw new InvalidOperationException($"mkfifo {path} exited with {mkfifo.ExitCode}");
        }
    }

    /// <summary>A listening Unix socket bound at <paramref name="path"/>; dispose it after the test.</summary>
    public static Socket MakeSocket(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        socket.Listen();
        return socket;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the thread pool and waits at most <see cref="ScanDeadline"/> for it. If it is still
    /// running then, it is stuck opening one of <paramref name="fifos"/>: a writer lets it go, so the failing test does
    /// not leave a thread blocked for the rest of the run, and the wait fails with a <see cref="TimeoutException"/>.
    /// </summary>
    public static async Task<T> WithinDeadlineAsync<T>(Func<T> work, params string[] fifos)
    {
        var running = Task.Run(work);
        try
        {
            return await running.WaitAsync(ScanDeadline);
        }
        catch (TimeoutException)
        {
            foreach (var fifo in fifos)
            {
                await Task.WhenAny(Task.Run(() => File.OpenHandle(fifo, FileMode.Open, FileAccess.Write).Dispose()), Task.Delay(TimeSpan.FromSeconds(1)));
            }

            throw;
        }
    }
}
