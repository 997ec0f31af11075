using Orleans.Concurrency;

namespace SkillsOrleans.Contracts.Fleet;

/// <summary>
/// Every account and every runtime of the platform, for platform administrators' fleet views. One grain
/// (<see cref="FleetIndexGrains.Key"/>): account and runtime grains are keyed by id and cannot be enumerated.
/// The AccountGrain records an account when it is created, the runtime directory records each binding, and a
/// runtime host that cannot register records itself, so a misconfigured host still shows up. Entries are never
/// removed. Runtime hosts also push their <see cref="RuntimeReport"/> here, which the index keeps in memory only, so
/// the fleet view reads every host's state in one call instead of asking each host.
/// </summary>
[Alias("skillsorleans.fleet-index")]
public interface IFleetIndexGrain : IGrainWithStringKey
{
    [Alias("get")]
    Task<FleetIndexSnapshot> GetAsync();

    /// <summary>Adds the account; a no-op if it is listed.</summary>
    [Alias("record-account")]
    Task RecordAccountAsync(string accountId);

    /// <summary>Records that the runtime is bound to the account (replacing any earlier account).</summary>
    [Alias("record-binding")]
    Task RecordBindingAsync(string runtimeId, string accountId);

    /// <summary>Lists the runtime as bound to no account if it is still recorded as bound to this one.</summary>
    [Alias("forget-binding")]
    Task ForgetBindingAsync(string runtimeId, string accountId);

    /// <summary>A runtime host runs but could not register: lists it (unbound) unless it is listed already.</summary>
    [Alias("record-host")]
    Task RecordHostAsync(string runtimeId);

    /// <summary>A host's report about itself; one older than the one held is ignored. Not awaited by the host.</summary>
    [Alias("report"), OneWay]
    Task ReportAsync(RuntimeReport report);

    /// <summary>The latest report of every host heard from since this index started listening.</summary>
    [Alias("get-reports")]
    Task<FleetReports> GetReportsAsync();
}

public static class FleetIndexGrains
{
    /// <summary>The one fleet index's key.</summary>
    public const string Key = "fleet";

    public static IFleetIndexGrain FleetIndex(this IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IFleetIndexGrain>(Key);
    }
}
