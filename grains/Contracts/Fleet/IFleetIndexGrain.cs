using Orleans.Concurrency;

namespace SkillsOrleans.Contracts.Fleet;

/// <summary>
/// Every runtime of the platform and the account each is bound to, for platform administrators' fleet views. One
/// grain (<see cref="FleetIndexGrains.Key"/>): runtime grains are keyed by id and cannot be enumerated. The runtime
/// directory records each binding, and a runtime host that cannot register records itself, so a misconfigured host
/// still shows up. Entries are never removed. Runtime hosts also push their <see cref="RuntimeReport"/> here, which
/// the index keeps in memory only, so the fleet view reads every host's state without asking any host. Accounts are
/// listed by the account directory (<see cref="Accounts.IAccountDirectory"/>), not here.
/// </summary>
[Alias("skillsorleans.fleet-index")]
public interface IFleetIndexGrain : IGrainWithStringKey
{
    /// <summary>Up to <paramref name="limit"/> runtimes ordered by id, after <paramref name="afterRuntimeId"/> when given.</summary>
    [ReadOnly]
    [Alias("get-runtimes")]
    Task<FleetRuntimePage> GetRuntimesAsync(string? afterRuntimeId, int limit);

    /// <summary>Accepted and ignored: accounts list themselves in the account directory. Kept for silos of the previous version.</summary>
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

    /// <summary>The latest report of each of these hosts heard from since this index started listening.</summary>
    [ReadOnly]
    [Alias("get-reports-of")]
    Task<FleetReports> GetReportsAsync(IReadOnlyList<string> runtimeIds);
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
