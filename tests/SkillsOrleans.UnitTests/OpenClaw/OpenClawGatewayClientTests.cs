using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using SkillsOrleans.RuntimeHost.OpenClaw;

namespace SkillsOrleans.UnitTests.OpenClaw;

/// <summary>The client against scripted gateways: the frames it sends, what it skips, and how each failure is named.</summary>
public sealed class OpenClawGatewayClientTests
{
    private const string Token = "tok-3f9a1c-do-not-print";

    [Fact]
    public async Task It_waits_for_the_challenge_connects_as_a_local_backend_operator_and_reports_the_warning_count()
    {
        await using var gateway = new FakeGateway(FakeGateway.Conversation(FakeGatewayFrames.ReloadOk));

        var outcome = await Client(gateway.Url).ReloadSecretsAsync(CancellationToken.None);

        Assert.Equal(3, outcome.WarningCount);
        var connect = gateway.Received[0];
        Assert.Equal("req", connect.GetProperty("type").GetString());
        Assert.Equal("connect", connect.GetProperty("method").GetString());
        var parameters = connect.GetProperty("params");
        Assert.Equal(4, parameters.GetProperty("minProtocol").GetInt32());
        Assert.Equal(4, parameters.GetProperty("maxProtocol").GetInt32());
        Assert.Equal("gateway-client", parameters.GetProperty("client").GetProperty("id").GetString());
        Assert.Equal("backend", parameters.GetProperty("client").GetProperty("mode").GetString());
        Assert.Equal("linux", parameters.GetProperty("client").GetProperty("platform").GetString());
        Assert.Equal("operator", parameters.GetProperty("role").GetString());
        Assert.Equal(["operator.admin"], parameters.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(Token, parameters.GetProperty("auth").GetProperty("token").GetString());
        Assert.Equal("""{"type":"req","id":"2","method":"secrets.reload"}""", gateway.Received[1].GetRawText());
    }

    [Fact]
    public async Task Events_and_answers_to_other_requests_are_skipped()
    {
        await using var gateway = new FakeGateway(async connection =>
        {
            await connection.SendAsync(FakeGatewayFrames.HealthEvent);
            await connection.SendAsync(FakeGatewayFrames.Challenge);
            var connect = await connection.ReceiveAsync();
            await connection.SendAsync("""{"type":"event","event":"tick","payload":{}}""");
            await connection.SendAsync(FakeGatewayFrames.HelloOk(connect.GetProperty("id").GetString()!, """["operator.admin"]"""));
            await connection.ReceiveAsync();
            await connection.SendAsync(FakeGatewayFrames.HealthEvent);
            await connection.SendAsync("""{"type":"res","id":"99","ok":false,"error":{"code":"X","message":"not yours"}}""");
            await connection.SendAsync("""{"type":"res","id":"2","ok":true,"payload":{"ok":true,"warningCount":0}}""");
            await connection.ReceiveCloseAsync();
        });

        var outcome = await Client(gateway.Url).ReloadSecretsAsync(CancellationToken.None);

        Assert.Equal(0, outcome.WarningCount);
    }

    [Fact]
    public async Task A_missing_scope_reply_is_forbidden_and_names_the_network_namespace_requirement()
    {
        await using var gateway = new FakeGateway(FakeGateway.Conversation(
            """{"type":"res","id":"{id}","ok":false,"error":{"code":"FORBIDDEN","message":"missing scope: operator.admin","details":{"code":"MISSING_SCOPE","missingScope":"operator.admin"}}}"""));

        var error = await FailureAsync(gateway.Url, GatewayReloadFailure.Forbidden);

        Assert.Contains("FORBIDDEN (MISSING_SCOPE): missing scope: operator.admin", error.Message, StringComparison.Ordinal);
        Assert.Contains("network namespace", error.Message, StringComparison.Ordinal);
        Assert.Contains("network_mode: service:<gateway>", error.Message, StringComparison.Ordinal);
        Assert.False(error.GatewayDown);
    }

    [Fact]
    public async Task A_hello_without_the_admin_scope_is_forbidden_before_the_reload_is_sent()
    {
        await using var gateway = new FakeGateway(FakeGateway.Conversation(FakeGatewayFrames.ReloadOk, helloScopes: "[]"));

        var error = await FailureAsync(gateway.Url, GatewayReloadFailure.Forbidden);

        Assert.Contains("accepted with the scopes []", error.Message, StringComparison.Ordinal);
        Assert.Single(gateway.Received);
    }

    [Fact]
    public async Task A_refused_token_is_auth_rejected_and_the_token_never_appears_in_the_error_even_when_the_gateway_echoes_it()
    {
        await using var gateway = new FakeGateway(async connection =>
        {
            await connection.SendAsync(FakeGatewayFrames.Challenge);
            await connection.ReceiveAsync();
            await connection.SendAsync("""{"type":"res","id":"1","ok":false,"error":{"code":"INVALID_REQUEST","message":"unauthorized: token """ + Token + """ mismatch","details":{"code":"AUTH_TOKEN_MISMATCH"}}}""");
            await connection.Socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, $"unauthorized {Token}", CancellationToken.None);
        });

        var error = await FailureAsync(gateway.Url, GatewayReloadFailure.AuthRejected);

        Assert.Contains("INVALID_REQUEST (AUTH_TOKEN_MISMATCH): unauthorized: token [redacted] mismatch", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_still_starting_is_busy_not_down()
    {
        await using var gateway = new FakeGateway(async connection =>
        {
            await connection.SendAsync(FakeGatewayFrames.Challenge);
            await connection.ReceiveAsync();
            await connection.SendAsync("""{"type":"res","id":"1","ok":false,"error":{"code":"UNAVAILABLE","message":"starting","details":{"reason":"startup-sidecars"},"retryable":true,"retryAfterMs":500}}""");
            await connection.ReceiveCloseAsync();
        });

        var error = await FailureAsync(gateway.Url, GatewayReloadFailure.GatewayBusy);

        Assert.False(error.GatewayDown);
    }

    [Fact]
    public async Task A_reload_the_gateway_refuses_is_reload_rejected_with_its_code()
    {
        await using var gateway = new FakeGateway(FakeGateway.Conversation(
            """{"type":"res","id":"{id}","ok":true,"payload":{"ok":false,"error":{"code":"SECRETS_RELOAD_FAILED","message":"strict owner failed"}}}"""));

        var error = await FailureAsync(gateway.Url, GatewayReloadFailure.ReloadRejected);

        Assert.Contains("SECRETS_RELOAD_FAILED: strict owner failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_frame_over_one_mebibyte_is_a_protocol_error()
    {
        await using var gateway = new FakeGateway(async connection =>
        {
            var padding = new string('x', OpenClawGatewayClient.MaxFrameBytes);
            await connection.SendAsync($$$"""{"type":"event","event":"connect.challenge","payload":{"pad":"{{{padding}}}"}}""");
            await connection.ReceiveCloseAsync();
        });

        var error = await FailureAsync(gateway.Url, GatewayReloadFailure.ProtocolError);

        Assert.Contains("larger than 1048576 bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("binary")]
    [InlineData("not json")]
    [InlineData("no type")]
    [InlineData("no hello")]
    [InlineData("no ok flag")]
    public async Task A_gateway_that_breaks_the_protocol_is_a_protocol_error(string how)
    {
        await using var gateway = new FakeGateway(async connection =>
        {
            switch (how)
            {
                case "binary":
                    await connection.Socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);
                    break;
                case "not json":
                    await connection.SendAsync("hello?");
                    break;
                case "no type":
                    await connection.SendAsync("""{"event":"connect.challenge"}""");
                    break;
                default:
                    await connection.SendAsync(FakeGatewayFrames.Challenge);
                    await connection.ReceiveAsync();
                    await connection.SendAsync(how == "no hello"
                        ? """{"type":"res","id":"1","ok":true,"payload":{}}"""
                        : FakeGatewayFrames.HelloOk("1", """["operator.admin"]"""));
                    await connection.ReceiveAsync();
                    await connection.SendAsync("""{"type":"res","id":"2","ok":true,"payload":{"warningCount":0}}""");
                    break;
            }

            await connection.ReceiveCloseAsync();
        });

        await FailureAsync(gateway.Url, GatewayReloadFailure.ProtocolError);
    }

    [Fact]
    public async Task A_gateway_that_closes_to_restart_is_busy()
    {
        await using var gateway = new FakeGateway(async connection =>
        {
            await connection.SendAsync(FakeGatewayFrames.Challenge);
            await connection.ReceiveAsync();
            await connection.Socket.CloseOutputAsync((WebSocketCloseStatus)1012, "service restart", CancellationToken.None);
            await connection.ReceiveCloseAsync();
        });

        var error = await FailureAsync(gateway.Url, GatewayReloadFailure.GatewayBusy);

        Assert.Contains("close 1012: service restart", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silent_gateway_is_a_timeout_after_the_configured_time()
    {
        await using var gateway = new FakeGateway(async connection => await Task.Delay(Timeout.Infinite, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));

        var stopwatch = Stopwatch.StartNew();
        var error = await FailureAsync(gateway.Url, GatewayReloadFailure.Timeout, TimeSpan.FromMilliseconds(700));

        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(5));
        Assert.True(error.GatewayDown);
    }

    [Fact]
    public async Task The_callers_cancellation_is_a_cancellation_not_a_timeout()
    {
        await using var gateway = new FakeGateway(async connection => await Task.Delay(Timeout.Infinite, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client(gateway.Url).ReloadSecretsAsync(cancel.Token));
    }

    [Fact]
    public async Task A_closed_port_is_unreachable_at_once()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var stopwatch = Stopwatch.StartNew();
        var error = await FailureAsync(new Uri($"ws://127.0.0.1:{port}"), GatewayReloadFailure.GatewayUnreachable);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"took {stopwatch.Elapsed}");
        Assert.True(error.GatewayDown);
        Assert.Contains($"ws://127.0.0.1:{port}/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_nothing_is_called_and_the_gateway_counts_as_not_configured()
    {
        await using var gateway = new FakeGateway(FakeGateway.Conversation(FakeGatewayFrames.ReloadOk));
        var client = new OpenClawGatewayClient(new OpenClawGatewayOptions { Url = gateway.Url });

        var error = await Assert.ThrowsAsync<GatewayReloadException>(() => client.ReloadSecretsAsync(CancellationToken.None));

        Assert.Equal(GatewayReloadFailure.NotConfigured, error.Failure);
        Assert.Contains("OPENCLAW_GATEWAY_TOKEN", error.Message, StringComparison.Ordinal);
        Assert.Empty(gateway.Received);
    }

    [Fact]
    public void Messages_name_the_endpoint_without_user_info_or_query()
    {
        var client = new OpenClawGatewayClient(new OpenClawGatewayOptions { Url = new Uri("ws://user:pw@127.0.0.1:18789/?token=abc"), Token = Token });

        Assert.Equal("ws://127.0.0.1:18789/", client.Endpoint);
    }

    private static OpenClawGatewayClient Client(Uri url, TimeSpan? timeout = null) =>
        new(new OpenClawGatewayOptions { Url = url, Token = Token, RequestTimeout = timeout ?? TimeSpan.FromSeconds(10) });

    private static async Task<GatewayReloadException> FailureAsync(Uri url, GatewayReloadFailure expected, TimeSpan? timeout = null)
    {
        var error = await Assert.ThrowsAsync<GatewayReloadException>(() => Client(url, timeout).ReloadSecretsAsync(CancellationToken.None));
        Assert.True(error.Failure == expected, $"expected {expected}, got {error.Failure}: {error.Message}");
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
        return error;
    }
}
