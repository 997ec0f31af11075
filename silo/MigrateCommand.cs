using SkillsOrleans.ClientHosting.Configuration;
using SkillsOrleans.Hosting.Database;

namespace SkillsOrleans.Silo;

/// <summary>
/// <c>SkillsOrleans.Silo migrate</c>: applies the schema to <c>ConnectionStrings:Postgres</c> (connected as the schema
/// owner) and creates or updates the roles the services connect as: <c>Database:ApplicationRole</c> (core silos and
/// API) and <c>Database:RuntimeRole</c> (runtime silos), each when set; exits.
/// </summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(IConfiguration configuration)
    {
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
        var logger = loggerFactory.CreateLogger("SkillsOrleans.Schema");
        // Both refuse half a setting before anything is touched.
        var applicationRole = ApplicationRoleSettings.From(configuration);
        var runtimeRole = ApplicationRoleSettings.ForRuntimeSilos(configuration);
        if (applicationRole is not null && runtimeRole is not null && applicationRole.Role == runtimeRole.Role)
        {
            throw new InvalidOperationException("Database:RuntimeRole must differ from Database:ApplicationRole: runtime silos get less.");
        }

        var connectionString = ClusterSettings.From(configuration).ConnectionString;
        var result = await SchemaMigrator.ApplyAsync(connectionString, logger);
        logger.LogInformation("Schema is current ({Applied} scripts applied now)", result.AppliedScripts.Count);
        if (applicationRole is not null)
        {
            await ApplicationRoleProvisioner.ApplyAsync(connectionString, applicationRole, logger);
        }

        if (runtimeRole is not null)
        {
            await ApplicationRoleProvisioner.ApplyRuntimeRoleAsync(connectionString, runtimeRole, logger);
        }

        return 0;
    }
}
