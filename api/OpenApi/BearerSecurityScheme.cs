using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SkillsOrleans.Api.OpenApi;

/// <summary>The document's title and its one security scheme: a JWT bearer token from the configured issuer.</summary>
public sealed class BearerSecurityScheme : IOpenApiDocumentTransformer
{
    public const string Id = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info.Title = "SkillsOrleans admin API";
        document.Info.Description =
            "Credentials for the skills of OpenClaw runtimes, per tenant account. Errors are RFC 9457 problem details.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[Id] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An RS256 or ES256 access token from the configured issuer (in Development: GET /dev/token?sub=<user>).",
        };
        return Task.CompletedTask;
    }
}
