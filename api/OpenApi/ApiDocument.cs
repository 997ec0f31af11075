namespace SkillsOrleans.Api.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>, served anonymously in every environment. It is generated from the
/// endpoints themselves; <see cref="BearerSecurityScheme"/> and <see cref="StandardResponses"/> add what every
/// endpoint shares (the bearer scheme, 401, 429, 400, 413), each endpoint declares its own problem answers.
/// </summary>
public static class ApiDocument
{
    public const string Name = "v1";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(Name, options =>
        {
            options.AddDocumentTransformer<BearerSecurityScheme>();
            options.AddOperationTransformer<StandardResponses>();
        });

    public static IEndpointConventionBuilder MapApiDocument(this IEndpointRouteBuilder endpoints) => endpoints.MapOpenApi().AllowAnonymous();
}
