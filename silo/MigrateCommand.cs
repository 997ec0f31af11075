using SkillsOrleans.Hosting.Configuration;
using SkillsOrleans.Hosting.Database;

namespace SkillsOrleans.Silo;

/// <summary><c>SkillsOrleans.Silo migrate</c>: applies the schema to <c>ConnectionStrings:Postgres</c> and exits.</summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(IConfiguration configuration)
    {
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
        var logger = loggerFactory.CreateLogger("SkillsOrleans.Schema");
        var result = await SchemaMigrator.ApplyAsync(ClusterSettings.From(configuration).ConnectionString, logger);
        logger.LogInformation("Schema is current ({Applied} scripts applied now)", result.AppliedScripts.Count);
        return 0;
    }
}
