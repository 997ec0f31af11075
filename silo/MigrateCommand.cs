using SkillsOrleans.ClientHosting.Configuration;
using SkillsOrleans.Hosting.Database;

namespace SkillsOrleans.Silo;

/// <summary>
/// <c>SkillsOrleans.Silo migrate</c>: applies the schema to <c>ConnectionStrings:Postgres</c> (connected as the schema
/// owner) and, when <c>Database:ApplicationRole</c> is set, creates or updates the role the services connect as; exits.
/// </summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(IConfiguration configuration)
    {
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
        var logger = loggerFactory.CreateLogger("SkillsOrleans.Schema");
        var applicationRole = ApplicationRoleSettings.From(configuration); // refuses half a setting before touching anything
        var connectionString = ClusterSettings.From(configuration).ConnectionString;
        var result = await SchemaMigrator.ApplyAsync(connectionString, logger);
        logger.LogInformation("Schema is current ({Applied} scripts applied now)", result.AppliedScripts.Count);
        if (applicationRole is not null)
        {
            await ApplicationRoleProvisioner.ApplyAsync(connectionString, applicationRole, logger);
        }

        return 0;
    }
}
