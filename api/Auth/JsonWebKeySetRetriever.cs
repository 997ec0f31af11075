using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace SkillsOrleans.Api.Auth;

/// <summary>Reads a JWKS document (RFC 7517 §5) through whatever document retriever the key source was given.</summary>
public sealed class JsonWebKeySetRetriever : IConfigurationRetriever<JsonWebKeySet>
{
    public async Task<JsonWebKeySet> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(retriever);
        var document = await retriever.GetDocumentAsync(address, cancel).ConfigureAwait(false);
        return new JsonWebKeySet(document);
    }
}
