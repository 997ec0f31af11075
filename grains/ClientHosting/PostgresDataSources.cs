using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SkillsOrleans.ClientHosting;

/// <summary>
/// Our own PostgreSQL tables (audit trail, skill catalogs) each use a data source of their own, kept apart from
/// Orleans' connections and from each other, and named in <c>pg_stat_activity</c> by their key.
/// </summary>
public static class PostgresDataSources
{
    /// <summary>Registers a keyed <see cref="NpgsqlDataSource"/>; calling it again with the same key changes nothing.</summary>
    public static IServiceCollection AddKeyedPostgresDataSource(this IServiceCollection services, string key, NpgsqlConnectionStringBuilder settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.ApplicationName ??= key;
        var connectionString = settings.ConnectionString;
        services.TryAddKeyedSingleton(key, (provider, _) =>
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            if (provider.GetService<ILoggerFactory>() is { } loggers)
            {
                builder.UseLoggerFactory(loggers);
            }

            return builder.Build();
        });
        return services;
    }
}
