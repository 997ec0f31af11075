using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SkillsOrleans.Api.Limits;

namespace SkillsOrleans.Api.OpenApi;

/// <summary>
/// What the API's shared machinery answers, added to every operation it applies to so that an endpoint added later
/// is documented without opting in: the bearer requirement and 401 where authorization is required (and 403 where
/// a policy is named), 429 on every write and every authenticated read (the per-caller rate limits), 400 where a body or a parsed parameter is
/// read, 413 where a body is. The answers of an endpoint's own logic (an account's 403 and 404, 409, 422, 503) are
/// declared on the endpoint.
/// </summary>
public sealed class StandardResponses : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var responses = new Dictionary<int, string>();
        var authorization = metadata.OfType<IAuthorizeData>().ToList();
        if (authorization.Count > 0 && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerSecurityScheme.Id, context.Document)] = [] }];
            responses[StatusCodes.Status401Unauthorized] = "No bearer token, or one that is not valid.";
            if (authorization.Any(data => data.Policy is not null || data.Roles is not null))
            {
                responses[StatusCodes.Status403Forbidden] = "The caller does not meet the endpoint's policy.";
            }
        }

        if (context.Description.HttpMethod is { } method && (CallerRateLimits.IsWrite(method) || responses.ContainsKey(StatusCodes.Status401Unauthorized)))
        {
            responses[StatusCodes.Status429TooManyRequests] = "The caller's write or read limit is used up; Retry-After says when to try again.";
        }

        if (operation.RequestBody is not null || context.Description.ParameterDescriptions.Any(IsParsed))
        {
            responses[StatusCodes.Status400BadRequest] = "The body is not JSON of the expected shape, or a parameter could not be read.";
        }

        if (operation.RequestBody is not null)
        {
            responses[StatusCodes.Status413PayloadTooLarge] = "The body is larger than the configured limit.";
        }

        if (responses.Count == 0)
        {
            return;
        }

        var problem = await ProblemSchemaAsync(context, cancellationToken);
        operation.Responses ??= [];
        foreach (var (status, description) in responses)
        {
            operation.Responses.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    ["application/problem+json"] = new() { Schema = problem },
                },
            });
        }
    }

    /// <summary>A parameter the framework parses (a number, an enum, …) can fail to bind; a string cannot.</summary>
    private static bool IsParsed(ApiParameterDescription parameter) =>
        (Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type) != typeof(string);

    private static async Task<IOpenApiSchema> ProblemSchemaAsync(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
        context.Document!.AddComponent(nameof(ProblemDetails), schema);
        return new OpenApiSchemaReference(nameof(ProblemDetails), context.Document);
    }
}
