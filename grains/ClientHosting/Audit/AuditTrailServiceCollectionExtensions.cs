using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SkillsOrleans.Contracts.Audit;

namespace SkillsOrleans.ClientHosting.Audit;

public static class AuditTrailServiceCollectionExtensions
{
    /// <summary>The key of the audit trail's own data source, kept apart from any other the host registers.</summary>
    public const string DataSourceKey = "skillsorleans-audit";

    /// <summary>
    /// Registers <see cref="IAuditTrail"/> on PostgreSQL. The connection string's role needs only INSERT and SELECT
    /// on <c>skillsorleans_audit</c>. Calling it again changes nothing.
    /// </summary>
    public static IServiceCollection AddPostgresAuditTrail(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        // A connection attempt the trail has given up on should not linger much longer than the write it served.
        settings.Timeout = Math.Min(settings.Timeout, (int)Math.Ceiling(PostgresAuditTrail.DefaultWriteTimeout.TotalSeconds));
        services.AddKeyedPostgresDataSource(DataSourceKey, settings);
        services.TryAddSingleton(provider => new PostgresAuditTrail(
            provider.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey),
            provider.GetService<ILogger<PostgresAuditTrail>>() ?? NullLogger<PostgresAuditTrail>.Instance));
        services.TryAddSingleton<IAuditTrail>(provider => provider.GetRequiredService<PostgresAuditTrail>());
        return services;
    }
}
