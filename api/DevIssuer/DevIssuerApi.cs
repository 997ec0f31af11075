using Microsoft.AspNetCore.Http.HttpResults;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Api.DevIssuer;

/// <summary>
/// <c>/dev/.well-known/jwks.json</c> and <c>/dev/token?sub=</c>. Mapped only in the Development environment;
/// anywhere else these routes do not exist.
/// </summary>
public static class DevIssuerApi
{
    public static IServiceCollection AddDevIssuer(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("DevIssuer").Get<DevIssuerOptions>() ?? new DevIssuerOptions();
        services.AddSingleton(options);
        services.AddSingleton<DevTokenIssuer>();
        return services;
    }

    public static RouteGroupBuilder MapDevIssuer(this IEndpointRouteBuilder endpoints)
    {
        var dev = endpoints.MapGroup("/dev").ExcludeFromDescription();
        dev.MapGet("/.well-known/jwks.json", (DevTokenIssuer issuer) => TypedResults.Ok(issuer.PublicKeys()));
        dev.MapGet("/token", MintToken);
        return dev;
    }

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
