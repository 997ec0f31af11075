using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace SkillsOrleans.Hosting.Database;

/// <summary>
/// The database role silos and API connect as, which the migration (run as the schema owner) creates or updates:
/// <c>Database:ApplicationRole</c> and <c>Database:ApplicationRolePassword</c>. Both or neither.
/// </summary>
public sealed partial record ApplicationRoleSettings(string Role, string Password)
{
    public static ApplicationRoleSettings? From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var role = configuration["Database:ApplicationRole"];
        var password = configuration["Database:ApplicationRolePassword"];
        if (string.IsNullOrEmpty(role) && string.IsNullOrEmpty(password))
        {
            return null;
        }

        if (string.IsNullOrEmpty(role) || string.IsNullOrEmpty(password))
        {
            throw new InvalidOperationException(
                "Set both Database:ApplicationRole and Database:ApplicationRolePassword (Database__ApplicationRole, " +
                "Database__ApplicationRolePassword), or neither.");
        }

        if (!RoleName().IsMatch(role) || role.StartsWith("pg_", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                "Database:ApplicationRole must match ^[a-z_][a-z0-9_]{0,62}$ (a plain PostgreSQL identifier) and not start with pg_.");
        }

        if (password.Length < 16 || password.Any(char.IsControl))
        {
            throw new InvalidOperationException(
                "Database:ApplicationRolePassword must be at least 16 characters without control characters (e.g. openssl rand -hex 32).");
        }

        return new ApplicationRoleSettings(role, password);
    }

    /// <summary>The password is left out, so that a logged or printed settings object never shows it.</summary>
    public override string ToString() => $"ApplicationRoleSettings {{ Role = {Role} }}";

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex RoleName();
}
