using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SkillsOrleans.Hosting.Database;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>Application roles for tests: one per database (roles are server-wide), made to log in by password.</summary>
public static class ApplicationRoles
{
    public static async Task<ApplicationRoleSettings> ProvisionAsync(string ownerConnectionString)
    {
        var settings = new ApplicationRoleSettings(
            "app_" + new NpgsqlConnectionStringBuilder(ownerConnectionString).Database, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)));
        await ApplicationRoleProvisioner.ApplyAsync(ownerConnectionString, settings, NullLogger.Instance);
        await Sql.ExecuteAsync(ownerConnectionString, $"GRANT {PostgresServer.PasswordUsers} TO {settings.Role}");
        return settings;
    }

    public static string ConnectionString(string ownerConnectionString, ApplicationRoleSettings settings) =>
        new NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = settings.Role, Password = settings.Password }.ConnectionString;
}
