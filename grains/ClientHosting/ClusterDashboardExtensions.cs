using Orleans.Dashboard;

namespace SkillsOrleans.ClientHosting;

/// <summary>
/// Orleans' dashboard (<c>Microsoft.Orleans.Dashboard</c>): every silo collects grain and silo statistics for it, and
/// the API, an Orleans client, serves its pages and data at <c>/dashboard</c> to platform admins. The dashboard has no
/// authentication of its own; the API puts it behind its own.
/// </summary>
public static class ClusterDashboardExtensions
{
    /// <summary>Grain call statistics (collected while someone watches), silo counters and the dashboard's grains.</summary>
    public static ISiloBuilder AddClusterDashboard(this ISiloBuilder silo) => silo.AddDashboard(Configure);

    /// <summary>The dashboard's pages and data endpoints, read from the silos.</summary>
    public static IClientBuilder AddClusterDashboard(this IClientBuilder client) => client.AddDashboard(Configure);

    // The live log stream (/Trace) would show the serving host's whole log to anyone who can open the dashboard;
    // logs go to the operators' log pipeline instead.
    private static void Configure(DashboardOptions options) => options.HideTrace = true;
}
