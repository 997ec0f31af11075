using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SkillsOrleans.Grains.Webhooks;

/// <summary>
/// POSTs signed webhook bodies. One client for the silo (pooled connections, no redirects followed, no cookies). Unless
/// <see cref="WebhookOptions.AllowPrivateNetworks"/>, the connection is made only to the public addresses the host name
/// resolves to, checked at connect time, so neither the URL nor a DNS answer that changes later reaches the cluster's
/// own network.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _client;
    private readonly WebhookSigningKey _key;

    public WebhookSender(WebhookOptions options, WebhookSigningKey key)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = key;
        var allowPrivate = options.AllowPrivateNetworks;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.Timeout,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivate, cancellationToken),
        };
        _client = new HttpClient(handler) { Timeout = options.Timeout };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("SkillsOrleans-Webhooks/1");
    }

    /// <returns>Null when the receiver answered 2xx; otherwise why not, in a few words (never the URL's path or query).</returns>
    public async Task<string?> SendAsync(Uri url, string id, long timestamp, string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", _key.Sign(id, timestamp, body));
        request.Headers.Add("webhook-key-id", _key.KeyId);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"the receiver answered {(int)response.StatusCode}";
        }
        catch (HttpRequestException error)
        {
            return error.InnerException is WebhookAddressRefusedException refused ? refused.Message : $"not delivered: {error.HttpRequestError}";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "no answer in time";
        }
    }

    public void Dispose() => _client.Dispose();

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivate, CancellationToken cancellationToken)
    {
        var resolved = await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var usable = allowPrivate ? resolved : [.. resolved.Where(PublicNetworkAddresses.IsPublic)];
        if (usable.Length == 0)
        {
            throw new WebhookAddressRefusedException(resolved.Length == 0
                ? "the host name does not resolve"
                : "the host name resolves only to loopback, private or link-local addresses, which webhooks are not sent to");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A webhook URL whose host leads only where webhooks are not sent.</summary>
public sealed class WebhookAddressRefusedException(string message) : IOException(message);
