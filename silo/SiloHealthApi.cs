using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.RuntimeHost;

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
            return TypedResults.Ok(new SiloHealth("healthy", silo.SiloAddress.ToString(), null, null, null, null, null, null, null));
        }

        try
        {
            var runtime = await grains.GetGrain<IRuntimeGrain>(runtimeId).GetHealthAsync().WaitAsync(RuntimeProbeTimeout, cancellationToken);
            var registered = runtime.Runtime.RegisteredAt is not null;
            var health = new SiloHealth(
                registered ? "healthy" : "starting", silo.SiloAddress.ToString(), runtime.Runtime, runtime.SkillSync, runtime.SecretStore,
                runtime.OpenClawConfig, runtime.GatewayReload, runtime.SealingKeyFingerprint, null);
            return registered ? TypedResults.Ok(health) : Unavailable(health);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Unavailable(new SiloHealth("unhealthy", silo.SiloAddress.ToString(), null, null, null, null, null, null, $"{error.GetType().Name}: {error.Message}"));
        }
    }

    private static JsonHttpResult<SiloHealth> Unavailable(SiloHealth health) =>
        TypedResults.Json(health, statusCode: StatusCodes.Status503ServiceUnavailable);
}

internal sealed record SiloHealth(
    string Status,
    string Silo,
    RuntimeStatus? Runtime,
    SkillSyncHealth? SkillSync,
    SecretStoreHealth? SecretStore,
    OpenClawConfigHealth? OpenClawConfig,
    GatewayReloadStatus? GatewayReload,
    string? SealingKeyFingerprint,
    string? Error);
