using Orleans.Concurrency;

namespace SkillsOrleans.Contracts.Fleet;

/// <summary>
/// What every runtime host last reported about itself, for platform administrators' fleet views: hosts push their
/// <see cref="RuntimeReport"/> here, which the index keeps in memory only, so the fleet view reads every host's state
/// without asking any host. One grain (<see cref="FleetIndexGrains.Key"/>). A runtime host that cannot register
/// records itself here, so a misconfigured host still shows up. The runtimes and their accounts are listed by the
/// runtime roster (<see cref="IRuntimeRoster"/>) and the accounts by the account directory
/// (<see cref="Accounts.IAccountDirectory"/>); the methods that wrote them here pass on to the roster, for silos of
/// the previous version.
/// </summary>
[Alias("skillsorleans.fleet-index")]
public interface IFleetIndexGrain : IGrainWithStringKey
{
    /// <summary>The roster's page (<see cref="IRuntimeRoster.ReadPageAsync"/>); kept for APIs of the previous version.</summary>
    [ReadOnly]
    [Alias("get-runtimes")]
    Task<FleetRuntimePage> GetRuntimesAsync(string? afterRuntimeId, int limit);

    /// <summary>Accepted and ignored: accounts list themselves in the account directory. Kept for silos of the previous version.</summary>
    [Alias("record-account")]
    Task RecordAccountAsync(string accountId);

    /// <summary>Passed on to <see cref="IRuntimeRoster.RecordBindingAsync"/>; kept for silos of the previous version.</summary>
    [Alias("record-binding")]
    Task RecordBindingAsync(string runtimeId, string accountId);

    /// <summary>Passed on to <see cref="IRuntimeRoster.ForgetBindingAsync"/>; kept for silos of the previous version.</summary>
    [Alias("forget-binding")]
    Task ForgetBindingAsync(string runtimeId, string accountId);

    /// <summary>A runtime host runs but could not register: the roster lists it (unbound) unless it is listed already.</summary>
    [Alias("record-host")]
    Task RecordHostAsync(string runtimeId);

    /// <summary>A host's report about itself; one older than the one held is ignored. Not awaited by the host.</summary>
    [Alias("report"), OneWay]
    Task ReportAsync(RuntimeReport report);

    /// <summary>How many hosts report now and how many went quiet (<see cref="RuntimeReports.SaysOnline"/>, <see cref="RuntimeReports.WentQuiet"/>).</summary>
    [ReadOnly]
    [Alias("get-tally")]
    Task<FleetReportTally> GetTallyAsync();

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
