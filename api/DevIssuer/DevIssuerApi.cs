using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Api.DevIssuer;

/// <summary>
/// <c>/dev/.well-known/jwks.json</c> and <c>/dev/token?sub=</c>. Mapped only in the Development environment, and
/// only on an API that listens on loopback addresses alone (<see cref="ListenAddresses"/>): it signs a token for
/// anyone who asks, so an API in Development told to listen anywhere else refuses to start. Each request is checked
/// too: one that did not arrive on a loopback address finds nothing here.
/// </summary>
public static class DevIssuerApi
{
    public static IServiceCollection AddDevIssuer(this IServiceCollection services, IConfiguration configuration)
    {
        RequireLoopbackOnly(configuration);
        var options = configuration.GetSection("DevIssuer").Get<DevIssuerOptions>() ?? new DevIssuerOptions();
        services.AddSingleton(options);
        services.AddSingleton<DevTokenIssuer>();
        return services;
    }

    public static RouteGroupBuilder MapDevIssuer(this IEndpointRouteBuilder endpoints)
    {
        var dev = endpoints.MapGroup("/dev").ExcludeFromDescription();
        dev.AddEndpointFilter(async (context, next) => ArrivedOnLoopback(context.HttpContext) ? await next(context) : (object)TypedResults.NotFound());
        dev.MapGet("/.well-known/jwks.json", (DevTokenIssuer issuer) => TypedResults.Ok(issuer.PublicKeys()));
        dev.MapGet("/token", MintToken);
        return dev;
    }

    private static void RequireLoopbackOnly(IConfiguration configuration)
    {
        var wide = ListenAddresses.From(configuration).Where(url => !ListenAddresses.IsLoopback(url)).ToList();
        if (wide.Count > 0)
        {
            throw new InvalidOperationException(
                $"The development token issuer signs tokens for anyone who asks, and this API would listen on " +
                $"{string.Join(", ", wide.Select(url => $"'{ResourceIds.Printable(url)}'"))}, which is not a loopback address, so it will not start. " +
                "In Development, listen on loopback addresses only (Urls=http://127.0.0.1:5080); anywhere else, run in another " +
                "environment (ASPNETCORE_ENVIRONMENT=Production) with the Auth__ settings of a real issuer.");
        }
    }

    /// <summary>TestServer connections carry no address; a real server's always do.</summary>
    private static bool ArrivedOnLoopback(HttpContext http) =>
        http.Connection.LocalIpAddress is not { } local || IPAddress.IsLoopback(local);

    private static Results<Ok<DevToken>, ProblemHttpResult> MintToken(string? sub, DevTokenIssuer issuer)
    {
        if (!ResourceIds.IsSubject(sub))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Invalid subject",
                detail: "sub must be 1–255 characters of [A-Za-z0-9_.@|:-], starting with a letter or digit.");
        }

        return TypedResults.Ok(new DevToken(issuer.Mint(sub!), "Bearer", (int)DevTokenIssuer.Lifetime.TotalSeconds));
    }
}

public sealed record DevToken(
    [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn);
