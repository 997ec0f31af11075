using Microsoft.Extensions.Configuration;

namespace SkillsOrleans.ClientHosting.Configuration;

/// <summary>
/// How a process finds the cluster: the PostgreSQL database (<c>ConnectionStrings:Postgres</c>) and the cluster's
/// identity (<c>Orleans:ClusterId</c>, <c>Orleans:ServiceId</c>). Silos and API clients read the same settings.
/// </summary>
public sealed record ClusterSettings(string ConnectionString, string ClusterId, string ServiceId)
{
    public const string DefaultClusterId = "skillsorleans";
    public const string DefaultServiceId = "skillsorleans";

    public static ClusterSettings From(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "No database configured: set ConnectionStrings:Postgres (environment ConnectionStrings__Postgres).");
        }

        return new ClusterSettings(
            connectionString,
            configuration["Orleans:ClusterId"] ?? DefaultClusterId,
            configuration["Orleans:ServiceId"] ?? DefaultServiceId);
    }
}
