using System.Text.Json;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// Calls <c>secrets.reload</c> on the OpenClaw gateway over its WebSocket protocol (version 4): wait for the
/// <c>connect.challenge</c> event, send <c>connect</c> with the shared token as a local backend operator, send
/// <c>secrets.reload</c>, close. Events the gateway sends in between are skipped. One connection per call, the
/// whole exchange bounded by <see cref="OpenClawGatewayOptions.RequestTimeout"/> and every frame by
/// <see cref="MaxFrameBytes"/>.
/// </summary>
public sealed class OpenClawGatewayClient : IGatewaySecretsReloader
{
    /// <summary>The <c>hello-ok</c> reply lists every gateway method (about 16 KiB today); 1 MiB leaves room and still bounds memory.</summary>
    public const int MaxFrameBytes = 1024 * 1024;

    private const string ConnectRequestId = "1";
    private const string ReloadRequestId = "2";

    private static readonly string ClientVersion = typeof(OpenClawGatewayClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private readonly OpenClawGatewayOptions _options;
    private readonly GatewayClientIdentity _identity;
    private readonly GatewayText _text;

    public OpenClawGatewayClient(OpenClawGatewayOptions options)
        : this(options, GatewayClientIdentity.LocalBackend)
    {
    }

    internal OpenClawGatewayClient(OpenClawGatewayOptions options, GatewayClientIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _identity = identity;
        _text = new GatewayText(options.Token);
        // The URL's user-info and query are left out of every message, in case someone put a credential there.
        Endpoint = $"{options.Url.Scheme}://{options.Url.Authority}{options.Url.AbsolutePath}";
    }

    /// <summary>The gateway's address as messages name it.</summary>
    public string Endpoint { get; }

    public async Task<SecretsReloadOutcome> ReloadSecretsAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(_options.Token))
        {
            throw new GatewayReloadException(
                GatewayReloadFailure.NotConfigured,
                $"No gateway token is configured ({OpenClawGatewayOptions.TokenVariable}), so secrets.reload cannot be called on {Endpoint}.");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.RequestTimeout);
        using var socket = new GatewaySocket(Endpoint, MaxFrameBytes, _text);
        try
        {
            await socket.ConnectAsync(_options.Url, deadline.Token).ConfigureAwait(false);
            var outcome = await ExchangeAsync(socket, _options.Token, deadline.Token).ConfigureAwait(false);
            await socket.CloseQuietlyAsync().ConfigureAwait(false);
            return outcome;
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GatewayReloadException(
                GatewayReloadFailure.Timeout,
                $"The gateway at {Endpoint} did not complete secrets.reload within {_options.RequestTimeout.TotalSeconds:0.#} s.",
                error);
        }
    }

    private async Task<SecretsReloadOutcome> ExchangeAsync(GatewaySocket socket, string token, CancellationToken cancellationToken)
    {
        // The server speaks first; a connect sent before its challenge is refused.
        while (!(await socket.ReceiveAsync(cancellationToken).ConfigureAwait(false)).IsEvent("connect.challenge"))
        {
        }

        await socket.SendAsync(GatewayFrames.Connect(ConnectRequestId, token, _identity, ClientVersion), cancellationToken).ConfigureAwait(false);
        var hello = await ResponseAsync(socket, ConnectRequestId, cancellationToken).ConfigureAwait(false);
        if (!hello.Ok)
        {
            throw ConnectRefused(hello.Error);
        }

        RequireAdminScope(hello.Payload);
        await socket.SendAsync(GatewayFrames.Request(ReloadRequestId, "secrets.reload"), cancellationToken).ConfigureAwait(false);
        var reply = await ResponseAsync(socket, ReloadRequestId, cancellationToken).ConfigureAwait(false);
        return reply.Ok ? Outcome(reply.Payload) : throw ReloadRefused(reply.Error);
    }

    private static async Task<GatewayFrame> ResponseAsync(GatewaySocket socket, string id, CancellationToken cancellationToken)
    {
        while (true)
        {
            var frame = await socket.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (frame.IsResponseTo(id))
            {
                return frame;
            }
        }
    }

    /// <summary>Checks the <c>hello-ok</c>, and fails early, naming the cause, when the granted scopes lack <c>operator.admin</c>.</summary>
    private void RequireAdminScope(JsonElement hello)
    {
        if (GatewayFrame.Text(hello, "type") != "hello-ok")
        {
            throw new GatewayReloadException(GatewayReloadFailure.ProtocolError, $"The gateway at {Endpoint} accepted connect without a hello-ok payload.");
        }

        if (hello.TryGetProperty("auth", out var auth) && auth.ValueKind == JsonValueKind.Object
            && auth.TryGetProperty("scopes", out var scopes) && scopes.ValueKind == JsonValueKind.Array
            && !scopes.EnumerateArray().Any(scope => scope.ValueKind == JsonValueKind.String && scope.GetString() == GatewayFrames.AdminScope))
        {
            throw Forbidden("the connection was accepted with the scopes [" + _text.Safe(string.Join(", ", scopes.EnumerateArray().Select(s => s.ToString()))) + "]");
        }
    }

    private SecretsReloadOutcome Outcome(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty("ok", out var ok) || ok.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new GatewayReloadException(GatewayReloadFailure.ProtocolError, $"The gateway at {Endpoint} answered secrets.reload without an ok flag.");
        }

        if (ok.ValueKind == JsonValueKind.False)
        {
            var error = payload.TryGetProperty("error", out var detail) ? GatewayError.From(detail) : new GatewayError("", null, "");
            throw new GatewayReloadException(GatewayReloadFailure.ReloadRejected, $"The gateway at {Endpoint} refused to reload its secrets and keeps the previous snapshot: {error.Describe(_text)}");
        }

        var warnings = payload.TryGetProperty("warningCount", out var count) && count.TryGetInt32(out var value) && value >= 0 ? value : 0;
        return new SecretsReloadOutcome(warnings);
    }

    private GatewayReloadException ConnectRefused(GatewayError? error)
    {
        var described = error?.Describe(_text) ?? "no error given";
        if (error is null)
        {
            return new GatewayReloadException(GatewayReloadFailure.ProtocolError, $"The gateway at {Endpoint} refused the connect request: {described}");
        }

        if (error.DetailCode?.StartsWith("AUTH_", StringComparison.Ordinal) == true
            || error.Code.Contains("AUTH", StringComparison.Ordinal)
            || error.Message.StartsWith("unauthorized", StringComparison.OrdinalIgnoreCase))
        {
            return new GatewayReloadException(GatewayReloadFailure.AuthRejected, $"The gateway at {Endpoint} rejected the token ({OpenClawGatewayOptions.TokenVariable}): {described}");
        }

        if (error.Code == "UNAVAILABLE")
        {
            return new GatewayReloadException(GatewayReloadFailure.GatewayBusy, $"The gateway at {Endpoint} is not ready for clients yet: {described}");
        }

        // A remote connection may be asked for device pairing, which this client does not do.
        return error.DetailCode?.Contains("PAIRING", StringComparison.Ordinal) == true || error.DetailCode?.Contains("DEVICE", StringComparison.Ordinal) == true
            ? Forbidden($"connect was refused: {described}")
            : new GatewayReloadException(GatewayReloadFailure.ProtocolError, $"The gateway at {Endpoint} refused the connect request: {described}");
    }

    private GatewayReloadException ReloadRefused(GatewayError? error)
    {
        var described = error?.Describe(_text) ?? "no error given";
        return error?.Code switch
        {
            "FORBIDDEN" => Forbidden($"secrets.reload was refused: {described}"),
            "UNAVAILABLE" => new GatewayReloadException(GatewayReloadFailure.GatewayBusy, $"The gateway at {Endpoint} is busy and did not start secrets.reload: {described}"),
            _ => new GatewayReloadException(GatewayReloadFailure.ReloadRejected, $"The gateway at {Endpoint} refused secrets.reload and keeps the previous snapshot: {described}"),
        };
    }

    private GatewayReloadException Forbidden(string what) => new(
        GatewayReloadFailure.Forbidden,
        $"The gateway at {Endpoint} did not grant operator.admin, which secrets.reload needs ({what}). " +
        "It grants that scope to a token-authenticated backend client only on a loopback connection: run the runtime silo " +
        "in the gateway's network namespace (compose network_mode: service:<gateway>, or the same Kubernetes pod) and set " +
        $"{OpenClawGatewayOptions.UrlVariable} to ws://127.0.0.1:<gateway port>.");
}
