using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace SkillsOrleans.Grains.Runtimes;

/// <summary>
/// What a runtime silo hosts: its runtime's <see cref="RuntimeGrain"/> and nothing else. A runtime silo runs in the
/// gateway's network namespace, next to third-party skill code, so it is the least trusted silo of the cluster:
/// no tenant grain (accounts, credentials, directories, catalogs, the fleet index) and none of Orleans' own grains
/// (stream registries, dashboard, management) may activate there. Every other grain class is taken out of the
/// silo's grain manifest, so placement never chooses the silo for them; calls from the silo to them go to core
/// silos. The database role of runtime silos may read and write only the state rows named by
/// <see cref="StateNames"/>.
/// </summary>
public static class RuntimeSiloGrains
{
    /// <summary>The grain classes a runtime silo hosts.</summary>
    public static IReadOnlySet<Type> Classes { get; } = new HashSet<Type> { typeof(RuntimeGrain) };

    /// <summary>
    /// The grain state those classes keep (Orleans' ADO.NET storage writes a state's name into
    /// <c>orleansstorage.graintypestring</c>).
    /// </summary>
    public static IReadOnlyList<string> StateNames { get; } = [RuntimeGrain.StateName];

    /// <summary>Leaves only <see cref="Classes"/> in this silo's grain manifest.</summary>
    public static ISiloBuilder HostOnlyRuntimeGrains(this ISiloBuilder silo)
    {
        silo.Services.PostConfigure<GrainTypeOptions>(options => options.Classes.RemoveWhere(type => !Classes.Contains(type)));
        return silo;
    }
}
