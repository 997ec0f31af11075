using Microsoft.AspNetCore.Http.HttpResults;

namespace SkillsOrleans.Api.Health;

/// <summary>
/// <c>GET /health</c>: the API is up and can see the cluster's active silos. Anyone may ask, so a failure answers a
/// stable code (<c>cluster-unavailable</c>), never the exception's words; those go to the log.
/// </summary>
public static partial class ApiHealthApi
{
    public const string ClusterUnavailable = "cluster-unavailable";

    private static readonly TimeSpan ClusterProbeTimeout = TimeSpan.FromSeconds(3);

    public static RouteHandlerBuilder MapApiHealth(this IEndpointRouteBuilder endpoints) => endpoints.MapGet("/health", GetHealthAsync).AllowAnonymous()
        .WithSummary("Whether the API is up and sees the cluster's active silos")
        .Produces<ApiHealth>(StatusCodes.Status503ServiceUnavailable);

    private static async Task<Results<Ok<ApiHealth>, JsonHttpResult<ApiHealth>>> GetHealthAsync(
        IClusterClient cluster, ILoggerFactory logs)
    {
        try
        {
            var hosts = await cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(ClusterProbeTimeout);
            return TypedResults.Ok(new ApiHealth("healthy", hosts.Count, null));
        }
        catch (Exception error)
        {
            LogUnhealthy(logs.CreateLogger(typeof(ApiHealthApi).FullName!), error);
            return TypedResults.Json(new ApiHealth("unhealthy", 0, ClusterUnavailable), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check: the cluster did not answer")]
    private static partial void LogUnhealthy(ILogger logger, Exception error);
}

/// <summary>The API's health; <c>Error</c> is a code (<c>cluster-unavailable</c>) when it is unhealthy.</summary>
public sealed record ApiHealth(string Status, int ActiveSilos, string? Error);
