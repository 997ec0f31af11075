using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using SkillsOrleans.Api.DevIssuer;

namespace SkillsOrleans.Api.Auth;

/// <summary>
/// The development token issuer's JWKS, taken in-process: the same document <c>/dev/.well-known/jwks.json</c>
/// serves, read without an HTTP round trip. Tokens are still validated by JwtBearer against these JWKS keys.
/// </summary>
public sealed class DevIssuerJwksDocuments(DevTokenIssuer issuer) : IDocumentRetriever
{
    public Task<string> GetDocumentAsync(string address, CancellationToken cancel) =>
        Task.FromResult(JsonSerializer.Serialize(issuer.PublicKeys(), JsonSerializerOptions.Web));
}
