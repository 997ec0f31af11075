using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using SkillsOrleans.Contracts.Accounts;

namespace SkillsOrleans.ClientHosting.Accounts;

public static class AccountDirectoryServiceCollectionExtensions
{
    /// <summary>The key of the account directory's own data source (its name shows in pg_stat_activity).</summary>
    public const string DataSourceKey = "skillsorleans-accounts";

    /// <summary>
    /// Registers <see cref="IAccountDirectory"/> on PostgreSQL: core silos write it (the account grains), the API reads
    /// it. Runtime silos neither register it nor may reach the table. Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddPostgresAccountDirectory(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddKeyedPostgresDataSource(DataSourceKey, new NpgsqlConnectionStringBuilder(connectionString));
        services.TryAddSingleton<IAccountDirectory>(provider =>
            new PostgresAccountDirectory(provider.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey)));
        return services;
    }
}
