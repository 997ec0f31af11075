using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using SkillsOrleans.Api.AdminPage;
using SkillsOrleans.Api.Limits;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// <c>/openapi/v1.json</c> against the endpoints the running API actually serves (its <see cref="EndpointDataSource"/>),
/// so an endpoint added later is checked without touching this test. Left out on purpose: the document itself, the
/// Development-only token issuer under <c>/dev/</c>, the admin web page's files and settings (marked
/// <see cref="AdminPageEndpoint"/>), the Prometheus scrape (<c>/metrics</c>, with its own access rule) and the endpoints
/// marked <c>ExcludeFromDescription</c> — only the Orleans dashboard's pages and data under <c>/dashboard</c>, which
/// must require authorization.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OpenApiDocumentTests(DemoStackFixture fixture) : IClassFixture<DemoStackFixture>
{
    private static readonly string[] OperationKeys = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    private readonly DemoStack _stack = fixture.Stack;

    [Fact]
    public async Task The_document_is_served_anonymously_and_lists_exactly_the_served_endpoints_with_their_auth_and_limits()
    {
        var response = await _stack.Api.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        var documented = paths.EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(operation => OperationKeys.Contains(operation.Name))
                .Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        var all = ServedEndpoints(_stack.Api.Services).ToList();
        var served = all.Where(endpoint => !endpoint.Excluded).ToList();

        // Only the Orleans dashboard's own pages and data are left out, and they are never open to anyone.
        Assert.All(all.Where(endpoint => endpoint.Excluded), endpoint =>
            Assert.True((endpoint.Path + "/").StartsWith("/dashboard/", StringComparison.Ordinal) && endpoint.RequiresAuthorization, endpoint.Operation));

        Assert.Equal(served.Select(endpoint => endpoint.Operation).Order(StringComparer.Ordinal).ToList(), documented);
        Assert.True(document.RootElement.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out var scheme));
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        foreach (var (operation, method, path, requiresAuthorization, _) in served)
        {
            var documentedOperation = paths.GetProperty(path).GetProperty(method.ToLowerInvariant());
            var responses = documentedOperation.GetProperty("responses");
            Assert.True(requiresAuthorization == documentedOperation.TryGetProperty("security", out _), $"{operation}: security requirement");
            Assert.True(requiresAuthorization == responses.TryGetProperty("401", out _), $"{operation}: 401");
            Assert.True((CallerRateLimits.IsWrite(method) || requiresAuthorization) == responses.TryGetProperty("429", out _), $"{operation}: 429");
            Assert.True(documentedOperation.TryGetProperty("summary", out _), $"{operation}: summary");
        }
    }

    [Fact]
    public async Task The_credential_submission_documents_its_body_and_every_answer_of_the_design()
    {
        using var document = JsonDocument.Parse(await _stack.Api.CreateClient().GetStringAsync("/openapi/v1.json"));
        var submit = document.RootElement.GetProperty("paths").GetProperty("/admin/skills/credentials").GetProperty("post");

        var schemaRef = submit.GetProperty("requestBody").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema").GetProperty("$ref").GetString()!;
        var schema = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(schemaRef.Split('/')[^1]);
        var properties = schema.GetProperty("properties").EnumerateObject().Select(property => property.Name).ToHashSet();
        var statuses = submit.GetProperty("responses").EnumerateObject().Select(answer => answer.Name).ToHashSet();

        Assert.Superset(new HashSet<string> { "accountId", "credentialRef", "secret", "sealedSecret", "expectedVersion" }, properties);
        Assert.Superset(new HashSet<string> { "200", "400", "401", "403", "404", "409", "413", "422", "429", "503" }, statuses);
        Assert.Equal("application/problem+json",
            submit.GetProperty("responses").GetProperty("409").GetProperty("content").EnumerateObject().Single().Name);
    }

    /// <summary>
    /// Every route endpoint as "METHOD /path" in OpenAPI's spelling, with the methods it answers, whether it needs a
    /// token and whether it is marked to be left out of the document.
    /// </summary>
    private static IEnumerable<(string Operation, string Method, string Path, bool RequiresAuthorization, bool Excluded)> ServedEndpoints(IServiceProvider services)
    {
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = OpenApiPath(endpoint.RoutePattern);
            // The Prometheus scrape is operational, not API, and has its own access rule (MetricsAccess).
            if (path.StartsWith("/dev/", StringComparison.Ordinal) || path == "/openapi/{documentName}.json" || path == "/metrics"
                || endpoint.Metadata.GetMetadata<AdminPageEndpoint>() is not null)
            {
                continue;
            }

            var requiresAuthorization = endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null
                && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;
            var excluded = endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription == true;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"];
            foreach (var method in methods)
            {
                yield return ($"{method.ToUpperInvariant()} {path}", method, path, requiresAuthorization, excluded);
            }
        }
    }

    private static string OpenApiPath(RoutePattern pattern) => "/" + string.Join('/', pattern.PathSegments.Select(segment =>
        string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            _ => throw new InvalidOperationException($"Unknown route pattern part in {pattern.RawText}"),
        }))));
}
