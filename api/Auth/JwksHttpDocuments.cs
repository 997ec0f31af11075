using Microsoft.IdentityModel.Protocols;

namespace SkillsOrleans.Api.Auth;

/// <summary>
/// Fetches the JWKS over HTTP: https only unless <see cref="AuthSettings.RequireHttpsJwks"/> was relaxed for a
/// loopback address, no redirects followed (a redirect could lead anywhere, including to plain http), a bounded
/// response and a short timeout.
/// </summary>
public sealed class JwksHttpDocuments : IDocumentRetriever, IDisposable
{
    private const int MaximumDocumentBytes = 512 * 1024;

    private readonly HttpClient _http;
    private readonly HttpDocumentRetriever _retriever;

    public JwksHttpDocuments(bool requireHttps)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        })
        {
            Timeout = TimeSpan.FromSeconds(10),
            MaxResponseContentBufferSize = MaximumDocumentBytes,
        };
        _retriever = new HttpDocumentRetriever(_http) { RequireHttps = requireHttps };
    }

    public Task<string> GetDocumentAsync(string address, CancellationToken cancel) => _retriever.GetDocumentAsync(address, cancel);

    public void Dispose() => _http.Dispose();
}
