using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using SkillsOrleans.ClientHosting;
using SkillsOrleans.Grains.Catalogs;

namespace SkillsOrleans.Hosting.Catalogs;

public static class SkillCatalogServiceCollectionExtensions
{
    /// <summary>The key of the catalog store's own data source (its name shows in pg_stat_activity).</summary>
    public const string DataSourceKey = "skillsorleans-catalogs";

    /// <summary>Registers <see cref="ISkillCatalogStore"/> on PostgreSQL. Calling it again changes nothing.</summary>
    public static IServiceCollection AddPostgresSkillCatalogs(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddKeyedPostgresDataSource(DataSourceKey, new NpgsqlConnectionStringBuilder(connectionString));
        services.TryAddSingleton<ISkillCatalogStore>(provider =>
            new PostgresSkillCatalogStore(provider.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey)));
        return services;
    }
}
