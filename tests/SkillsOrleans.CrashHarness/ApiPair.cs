using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;

namespace SkillsOrleans.CrashHarness;

/// <summary>
/// The two API instances as one client: requests alternate between them, and a request whose connection cannot be
/// made goes to the other at once. Development tokens are minted by whichever API answers; both accept them because
/// they share the development issuer's key and issuer name.
/// </summary>
public sealed class ApiPair : IDisposable
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(40);
    private readonly HttpClient _http;
    private readonly IReadOnlyList<ClusterNode> _apis;
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset MintedAt)> _tokens = new(StringComparer.Ordinal);
    private int _next;

    public ApiPair(IReadOnlyList<ClusterNode> apis)
    {
        _apis = apis;
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(3),
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>How long one attempt may wait: a little over the cluster's own 60 s bound would stall the workload, so less.</summary>
    public static TimeSpan AttemptTimeout { get; } = TimeSpan.FromSeconds(30);

    public HttpClient Http => _http;

    public IReadOnlyList<ClusterNode> Apis => _apis;

    /// <summary>Sends as <paramref name="subject"/> to the next API in turn (the other one too if that one cannot be reached).</summary>
    public async Task<ApiAnswer> SendAsync(string subject, Func<HttpRequestMessage> request)
    {
        var first = Interlocked.Increment(ref _next);
        ApiAnswer? answer = null;
        for (var i = 0; i < _apis.Count; i++)
        {
            var api = _apis[(first + i) % _apis.Count];
            answer = await SendToAsync(api, subject, request);
            if (answer.Status == 401)
            {
                _tokens.TryRemove(subject, out _);
            }

            if (!answer.IsConnectionFailure)
            {
                return answer;
            }
        }

        return answer!;
    }

    public async Task<ApiAnswer> SendToAsync(ClusterNode api, string? subject, Func<HttpRequestMessage> request)
    {
        using var message = request();
        message.RequestUri = new Uri(api.Url, message.RequestUri!.OriginalString);
        if (subject is not null)
        {
            var token = await TokenAsync(subject);
            if (token is null)
            {
                return new ApiAnswer(api.Name, null, "", "connection: no API could mint a token");
            }

            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var timeout = new CancellationTokenSource(AttemptTimeout);
        try
        {
            using var response = await _http.SendAsync(message, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return new ApiAnswer(api.Name, (int)response.StatusCode, body, null);
        }
        catch (HttpRequestException error) when (error.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return new ApiAnswer(api.Name, null, "", "connection refused");
        }
        catch (HttpRequestException error)
        {
            return new ApiAnswer(api.Name, null, "", $"dropped: {error.HttpRequestError}");
        }
        catch (OperationCanceledException)
        {
            return new ApiAnswer(api.Name, null, "", "timeout");
        }
    }

    /// <summary>A development token for <paramref name="subject"/>, minted by any API that answers.</summary>
    public async Task<string?> TokenAsync(string subject)
    {
        if (_tokens.TryGetValue(subject, out var cached) && DateTimeOffset.UtcNow - cached.MintedAt < TokenLifetime)
        {
            return cached.Token;
        }

        foreach (var api in _apis)
        {
            var answer = await SendToAsync(api, null, () => new HttpRequestMessage(HttpMethod.Get, $"/dev/token?sub={Uri.EscapeDataString(subject)}"));
            if (answer.IsSuccess)
            {
                var token = JsonDocument.Parse(answer.Body).RootElement.GetProperty("access_token").GetString()!;
                _tokens[subject] = (token, DateTimeOffset.UtcNow);
                return token;
            }
        }

        return null;
    }

    public void Dispose() => _http.Dispose();
}
