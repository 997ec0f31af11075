using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace SkillsOrleans.Hosting.Database;

/// <summary>
/// A database role the services connect as, which the migration (run as the schema owner) creates or updates: the
/// application role of core silos and the API (<c>Database:ApplicationRole</c>, <c>Database:ApplicationRolePassword</c>)
/// or the runtime role of runtime silos (<see cref="ForRuntimeSilos"/>).
/// </summary>
public sealed partial record ApplicationRoleSettings(string Role, string Password)
{
    public static ApplicationRoleSettings? From(IConfiguration configuration) => From(configuration, "ApplicationRole");

    /// <summary>
    /// The role runtime silos connect as: <c>Database:RuntimeRole</c> and <c>Database:RuntimeRolePassword</c>. Both or
    /// neither.
    /// </summary>
    public static ApplicationRoleSettings? ForRuntimeSilos(IConfiguration configuration) => From(configuration, "RuntimeRole");

    private static ApplicationRoleSettings? From(IConfiguration configuration, string setting)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var role = configuration[$"Database:{setting}"];
        var password = configuration[$"Database:{setting}Password"];
        if (string.IsNullOrEmpty(role) && string.IsNullOrEmpty(password))
        {
            return null;
        }

        if (string.IsNullOrEmpty(role) || string.IsNullOrEmpty(password))
        {
            throw new InvalidOperationException(
                $"Set both Database:{setting} and Database:{setting}Password (Database__{setting}, " +
                $"Database__{setting}Password), or neither.");
        }

        if (!RoleName().IsMatch(role) || role.StartsWith("pg_", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Database:{setting} must match ^[a-z_][a-z0-9_]{{0,62}}$ (a plain PostgreSQL identifier) and not start with pg_.");
        }

        if (password.Length < 16 || password.Any(char.IsControl))
        {
            throw new InvalidOperationException(
                $"Database:{setting}Password must be at least 16 characters without control characters (e.g. openssl rand -hex 32).");
        }

        return new ApplicationRoleSettings(role, password);
    }

    /// <summary>The password is left out, so that a logged or printed settings object never shows it.</summary>
    public override string ToString() => $"ApplicationRoleSettings {{ Role = {Role} }}";

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex RoleName();
}
