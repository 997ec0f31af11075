using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using SkillsOrleans.ClientHosting;
using SkillsOrleans.Grains.Accounts;

namespace SkillsOrleans.Hosting.Accounts;

public static class CredentialIndexServiceCollectionExtensions
{
    /// <summary>The key of the credential index's own data source (its name shows in pg_stat_activity).</summary>
    public const string DataSourceKey = "skillsorleans-credential-index";

    /// <summary>
    /// Registers <see cref="ICredentialIndexStore"/> on PostgreSQL for the account grains of core silos. Runtime silos
    /// may register it but cannot reach the table. Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddPostgresCredentialIndex(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddKeyedPostgresDataSource(DataSourceKey, new NpgsqlConnectionStringBuilder(connectionString));
        services.TryAddSingleton<ICredentialIndexStore>(provider =>
            new PostgresCredentialIndexStore(provider.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey)));
        return services;
    }
}
