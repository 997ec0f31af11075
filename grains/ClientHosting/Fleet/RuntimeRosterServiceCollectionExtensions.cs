using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using SkillsOrleans.Contracts.Fleet;

namespace SkillsOrleans.ClientHosting.Fleet;

public static class RuntimeRosterServiceCollectionExtensions
{
    /// <summary>The key of the runtime roster's own data source (its name shows in pg_stat_activity).</summary>
    public const string DataSourceKey = "skillsorleans-runtimes";

    /// <summary>
    /// Registers <see cref="IRuntimeRoster"/> on PostgreSQL: core silos write it (runtime directory and fleet index
    /// grains), the API reads it. Runtime silos neither register it nor may reach the table. Calling it again changes
    /// nothing.
    /// </summary>
    public static IServiceCollection AddPostgresRuntimeRoster(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (services.Any(service => service.ServiceType == typeof(IRuntimeRoster)))
        {
            return services;
        }

        services.AddKeyedPostgresDataSource(DataSourceKey, new NpgsqlConnectionStringBuilder(connectionString));
        services.TryAddSingleton<IRuntimeRoster>(provider =>
            new PostgresRuntimeRoster(provider.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey)));
        return services;
    }
}
