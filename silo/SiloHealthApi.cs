using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Grains.Runtimes;

namespace SkillsOrleans.Silo;

/// <summary><c>GET /health</c>: this silo and, on a runtime host, its runtime. Never includes a secret.</summary>
internal static class SiloHealthApi
{
    private static readonly TimeSpan RuntimeProbeTimeout = TimeSpan.FromSeconds(2);

    public static void MapSiloHealth(this WebApplication app) => app.MapGet("/health", GetHealthAsync);

    private static async Task<Results<Ok<SiloHealth>, JsonHttpResult<SiloHealth>>> GetHealthAsync(
        ILocalSiloDetails silo, IGrainFactory grains, IOptions<RuntimeHostOptions> runtimeHost, CancellationToken cancellationToken)
    {
        var runtimeId = runtimeHost.Value.RuntimeId;
        if (string.IsNullOrEmpty(runtimeId))
        {
            return TypedResults.Ok(new SiloHealth("healthy", silo.SiloAddress.ToString(), null, null));
        }

        try
        {
            var status = await grains.GetGrain<IRuntimeGrain>(runtimeId).GetStatusAsync().WaitAsync(RuntimeProbeTimeout, cancellationToken);
            var health = new SiloHealth(status.RegisteredAt is null ? "starting" : "healthy", silo.SiloAddress.ToString(), status, null);
            return status.RegisteredAt is null ? Unavailable(health) : TypedResults.Ok(health);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Unavailable(new SiloHealth("unhealthy", silo.SiloAddress.ToString(), null, $"{error.GetType().Name}: {error.Message}"));
        }
    }

    private static JsonHttpResult<SiloHealth> Unavailable(SiloHealth health) =>
        TypedResults.Json(health, statusCode: StatusCodes.Status503ServiceUnavailable);
}

internal sealed record SiloHealth(string Status, string Silo, RuntimeStatus? Runtime, string? Error);
