using Microsoft.AspNetCore.Http.HttpResults;

namespace SkillsOrleans.Api.Health;

/// <summary><c>GET /health</c>: the API is up and can see the cluster's active silos.</summary>
public static class ApiHealthApi
{
    private static readonly TimeSpan ClusterProbeTimeout = TimeSpan.FromSeconds(3);

    public static RouteHandlerBuilder MapApiHealth(this IEndpointRouteBuilder endpoints) => endpoints.MapGet("/health", GetHealthAsync).AllowAnonymous()
        .WithSummary("Whether the API is up and sees the cluster's active silos")
        .Produces<ApiHealth>(StatusCodes.Status503ServiceUnavailable);

    private static async Task<Results<Ok<ApiHealth>, JsonHttpResult<ApiHealth>>> GetHealthAsync(
        IClusterClient cluster)
    {
        try
        {
            var hosts = await cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(ClusterProbeTimeout);
            return TypedResults.Ok(new ApiHealth("healthy", hosts.Count, null));
        }
        catch (Exception error)
        {
            return TypedResults.Json(
                new ApiHealth("unhealthy", 0, $"{error.GetType().Name}: {error.Message}"),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

public sealed record ApiHealth(string Status, int ActiveSilos, string? Error);
