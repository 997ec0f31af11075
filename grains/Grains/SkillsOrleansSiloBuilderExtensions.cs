using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime.MembershipService.SiloMetadata;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Grains.Placement;
using SkillsOrleans.Grains.Runtimes;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.RuntimeHost;

namespace SkillsOrleans.Grains;

public static class SkillsOrleansSiloBuilderExtensions
{
    /// <summary>
    /// Registers what every silo of the cluster needs to host our grains: silo metadata (with the runtime id when
    /// this silo runs next to an OpenClaw gateway, and the proof of that claim under cluster TLS) and the host-pinning
    /// placement director. Storage providers are the caller's choice (PostgreSQL in production, memory in some tests).
    /// A runtime silo hosts only its runtime grain; every other grain runs on core silos (silos started without a runtime).
    /// </summary>
    public static ISiloBuilder AddSkillsOrleansGrains(
        this ISiloBuilder silo, RuntimeHostOptions? runtimeHost, IReadOnlyDictionary<string, string>? claimProof = null)
    {
        var metadata = new Dictionary<string, string>(claimProof ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (runtimeHost is not null)
        {
            ResourceIds.RequireRuntimeId(runtimeHost.RuntimeId);
            ResourceIds.RequireAccountId(runtimeHost.AccountId);
            metadata[RuntimeSiloMetadata.RuntimeIdKey] = runtimeHost.RuntimeId;
        }

        // Every silo publishes metadata (possibly empty) so that placement can ask any of them.
        silo.UseSiloMetadata(metadata);

        // Grain state as plain JSON without .NET type names: readable by operators, and free of the concrete
        // collection types a type-naming serializer would record (and later fail to construct).
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddPlacementDirector<RuntimeHostPlacementStrategy, RuntimeHostPlacementDirector>();
        // Claims are taken at their word unless the host registers a verifier (cluster TLS: Hosting's certificate claims).
        silo.Services.TryAddSingleton<IRuntimeClaimVerifier, UnverifiedRuntimeClaims>();
        silo.Services.TryAddSingleton<RuntimeIdentityAlarm>();

        if (runtimeHost is not null)
        {
            // The host's parts are this silo's singletons; the runtime grain borrows them (see RuntimeHostServices).
            silo.Services.AddRuntimeHost(runtimeHost);
            silo.Services.AddHostedService<RuntimeStartupService>();

            // The least trusted silo hosts its runtime grain and nothing else (see RuntimeSiloGrains).
            silo.HostOnlyRuntimeGrains();

            // A runtime grain call held for long makes the runtime look offline: the log names it while it runs.
            silo.AddIncomingGrainCallFilter<RuntimeTurnWatchFilter>();

            // Orleans may deactivate the runtime grain at any time; its passes must stop as soon as that begins.
            silo.Services.AddSingleton<DeactivationNotices>();
        }

        return silo;
    }
}
