using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace SkillsOrleans.UnitTests.OpenClaw;

/// <summary>
/// A WebSocket server on a free loopback port that plays one scripted conversation per connection, so the client
/// can be shown what a misbehaving or refusing gateway looks like. Frames the client sends are kept in order.
/// </summary>
internal sealed class FakeGateway : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<FakeGatewayConnection, Task> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public FakeGateway(Func<FakeGatewayConnection, Task> script)
    {
        _script = script;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public Uri Url => new($"ws://127.0.0.1:{Port}");

    public List<JsonElement> Received { get; } = [];

    /// <summary>The usual good conversation: challenge, hello-ok with operator.admin, and the given reload reply.</summary>
    public static Func<FakeGatewayConnection, Task> Conversation(string reloadReply, string helloScopes = "[\"operator.admin\"]") => async connection =>
    {
        await connection.SendAsync(FakeGatewayFrames.Challenge);
        var connect = await connection.ReceiveAsync();
        await connection.SendAsync(FakeGatewayFrames.HelloOk(connect.GetProperty("id").GetString()!, helloScopes));
        var reload = await connection.ReceiveAsync();
        await connection.SendAsync(reloadReply.Replace("{id}", reload.GetProperty("id").GetString(), StringComparison.Ordinal));
        await connection.ReceiveCloseAsync();
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        try
        {
            await _accepting;
        }
        catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var context = await _listener.GetContextAsync();
            var webSocket = (await context.AcceptWebSocketAsync(subProtocol: null)).WebSocket;
            _ = Task.Run(async () =>
            {
                using (webSocket)
                {
                    try
                    {
                        await _script(new FakeGatewayConnection(webSocket, Received, _stop.Token));
                    }
                    catch (Exception error) when (error is WebSocketException or OperationCanceledException)
                    {
                        // The client went away, which is what several tests are about.
                    }
                }
            });
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

/// <summary>One client connection, as a fake gateway script sees it.</summary>
internal sealed class FakeGatewayConnection(WebSocket socket, List<JsonElement> received, CancellationToken stop)
{
    public WebSocket Socket => socket;

    public Task SendAsync(string json) => socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, stop);

    public async Task<JsonElement> ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), stop);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException("closed by the client");
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                var frame = JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
                lock (received)
                {
                    received.Add(frame);
                }

                return frame;
            }
        }
    }

    /// <summary>Waits for the client's close and answers it.</summary>
    public async Task ReceiveCloseAsync()
    {
        var result = await socket.ReceiveAsync(new byte[1024], stop);
        if (result.MessageType == WebSocketMessageType.Close)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", stop);
        }
    }
}

/// <summary>Frames as the real gateway (OpenClaw 2026.9.6) sends them, trimmed to what the client reads.</summary>
internal static class FakeGatewayFrames
{
    public const string Challenge = """{"type":"event","event":"connect.challenge","payload":{"nonce":"7b0c3c0e-2f7e-4a53-9d55-3f3f1f1c2b1a","ts":1795476793112}}""";

    public const string HealthEvent = """{"type":"event","event":"health","payload":{"ok":true},"seq":1}""";

    public const string ReloadOk = """{"type":"res","id":"{id}","ok":true,"payload":{"ok":true,"warningCount":3}}""";

    public static string HelloOk(string id, string scopes) =>
        """{"type":"res","id":""" + JsonSerializer.Serialize(id) +
        ""","ok":true,"payload":{"type":"hello-ok","protocol":4,"server":{"version":"2026.9.6"},"auth":{"method":"token","role":"operator","scopes":""" + scopes +
        """},"policy":{"maxPayload":26214400}}}""";
}
