using System.Buffers;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// The WebSocket under one exchange with the gateway: connects, sends whole text frames, and receives whole text
/// frames of at most a bounded size. Transport failures become <see cref="GatewayReloadException"/>s; cancellation
/// is left to the caller, which knows whether it was its deadline.
/// </summary>
internal sealed class GatewaySocket(string endpoint, int maxFrameBytes, GatewayText text) : IDisposable
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    private readonly ClientWebSocket _socket = new();
    private readonly ArrayBufferWriter<byte> _frame = new(16 * 1024);

    public async Task ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        // The exchange takes well under a second; pings would only add frames to read past.
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
        try
        {
            await _socket.ConnectAsync(url, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException error) when (error.WebSocketErrorCode is WebSocketError.NotAWebSocket or WebSocketError.HeaderError or WebSocketError.UnsupportedProtocol)
        {
            throw new GatewayReloadException(GatewayReloadFailure.ProtocolError, $"{endpoint} is not an OpenClaw gateway WebSocket endpoint: {text.Safe(error.Message)}", error);
        }
        catch (Exception error) when (error is WebSocketException or HttpRequestException or SocketException or IOException)
        {
            throw new GatewayReloadException(GatewayReloadFailure.GatewayUnreachable, $"Cannot connect to the gateway at {endpoint}: {text.Safe(Innermost(error).Message)}", error);
        }
    }

    public async Task SendAsync(byte[] frame, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is WebSocketException or IOException)
        {
            throw ConnectionLost(error);
        }
    }

    /// <summary>The next whole frame.</summary>
    /// <exception cref="GatewayReloadException">A binary or oversized frame, a closed or broken connection.</exception>
    public async Task<GatewayFrame> ReceiveAsync(CancellationToken cancellationToken)
    {
        _frame.ResetWrittenCount();
        while (true)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(_frame.GetMemory(16 * 1024), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is WebSocketException or IOException)
            {
                throw ConnectionLost(error);
            }

            switch (result.MessageType)
            {
                case WebSocketMessageType.Close:
                    throw Closed();
                case WebSocketMessageType.Binary:
                    throw new GatewayReloadException(GatewayReloadFailure.ProtocolError, $"The gateway at {endpoint} sent a binary frame; the protocol uses text frames only.");
            }

            if (_frame.WrittenCount + result.Count > maxFrameBytes)
            {
                throw new GatewayReloadException(GatewayReloadFailure.ProtocolError, $"The gateway at {endpoint} sent a frame larger than {maxFrameBytes} bytes.");
            }

            _frame.Advance(result.Count);
            if (result.EndOfMessage)
            {
                return GatewayFrame.Parse(_frame.WrittenSpan);
            }
        }
    }

    /// <summary>Ends the exchange politely when the socket is still open; the outcome is already known, so nothing here can fail it.</summary>
    public async Task CloseQuietlyAsync()
    {
        if (_socket.State != WebSocketState.Open)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(CloseTimeout);
        try
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is WebSocketException or IOException or OperationCanceledException)
        {
            // Dispose aborts whatever is left of the connection.
        }
    }

    public void Dispose() => _socket.Dispose();

    /// <summary>
    /// The gateway closed before answering. 1001 (going away), 1012 (restarting) and 1013 (try again later) mean it
    /// is shutting down or busy, which the next attempt may find over; anything else is a protocol failure.
    /// </summary>
    private GatewayReloadException Closed()
    {
        var status = _socket.CloseStatus;
        var description = $"The gateway at {endpoint} closed the connection before answering (close {(int?)status}: {text.Safe(_socket.CloseStatusDescription)})";
        return status is WebSocketCloseStatus.EndpointUnavailable or (WebSocketCloseStatus)1012 or (WebSocketCloseStatus)1013
            ? new GatewayReloadException(GatewayReloadFailure.GatewayBusy, description + ".")
            : new GatewayReloadException(GatewayReloadFailure.ProtocolError, description + ".");
    }

    private GatewayReloadException ConnectionLost(Exception error) =>
        new(GatewayReloadFailure.GatewayUnreachable, $"Lost the connection to the gateway at {endpoint}: {text.Safe(Innermost(error).Message)}", error);

    private static Exception Innermost(Exception error)
    {
        while (error.InnerException is { } inner)
        {
            error = inner;
        }

        return error;
    }
}
