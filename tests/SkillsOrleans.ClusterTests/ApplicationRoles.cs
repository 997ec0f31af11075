using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SkillsOrleans.Hosting.Database;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// The services' database roles for tests: one of each per database (roles are server-wide), made to log in by
/// password, provisioned as the migration provisions them.
/// </summary>
public static class ApplicationRoles
{
    /// <summary>The application role of core silos and the API.</summary>
    public static Task<ApplicationRoleSettings> ProvisionAsync(string ownerConnectionString) =>
        ProvisionAsync(ownerConnectionString, "app_", ApplicationRoleProvisioner.ApplyAsync);

    /// <summary>The runtime silos' role.</summary>
    public static Task<ApplicationRoleSettings> ProvisionRuntimeAsync(string ownerConnectionString) =>
        ProvisionAsync(ownerConnectionString, "rt_", ApplicationRoleProvisioner.ApplyRuntimeRoleAsync);

    public static string ConnectionString(string ownerConnectionString, ApplicationRoleSettings settings) =>
        new NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = settings.Role, Password = settings.Password }.ConnectionString;

    private static async Task<ApplicationRoleSettings> ProvisionAsync(
        string ownerConnectionString,
        string prefix,
        Func<string, ApplicationRoleSettings, Microsoft.Extensions.Logging.ILogger, CancellationToken, Task> provision)
    {
        var settings = new ApplicationRoleSettings(
            prefix + new NpgsqlConnectionStringBuilder(ownerConnectionString).Database, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)));
        await provision(ownerConnectionString, settings, NullLogger.Instance, CancellationToken.None);
        await Sql.ExecuteAsync(ownerConnectionString, $"GRANT {PostgresServer.PasswordUsers} TO {settings.Role}");
        return settings;
    }
}
