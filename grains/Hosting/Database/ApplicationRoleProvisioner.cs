using Microsoft.Extensions.Logging;
using Npgsql;

namespace SkillsOrleans.Hosting.Database;

/// <summary>
/// Creates or updates the application's database role, connected as the schema owner after the migration: it may
/// log in, read and write the cluster's tables, only read and append the audit trail, and nothing else — it owns
/// nothing, so it can neither alter nor disable the audit table's append-only triggers, nor change the schema.
/// Run on every migration, so tables a later script adds are granted too. Idempotent.
/// </summary>
public static partial class ApplicationRoleProvisioner
{
    public static async Task ApplyAsync(string ownerConnectionString, ApplicationRoleSettings settings, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        if (string.Equals(connection.UserName, settings.Role, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Database:ApplicationRole '{settings.Role}' is the role the migration connects as: the application role must be another one, owning nothing.");
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var exists = await ScalarAsync(connection, transaction, "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = @role)", settings.Role, cancellationToken);
        var database = Quote((string)(await ScalarAsync(connection, transaction, "SELECT current_database()", null, cancellationToken))!);
        var role = Quote(settings.Role); // the settings allow only [a-z0-9_]; quoted all the same

        // The verifier holds only base64, digits, '$' and ':', so it is safe as a literal; the password never leaves.
        var password = ScramVerifier.Create(settings.Password);
        string[] statements =
        [
            $"{((bool)exists! ? "ALTER" : "CREATE")} ROLE {role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '{password}'",
            $"GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {role}",
            $"REVOKE CREATE ON DATABASE {database} FROM {role}",
            $"GRANT USAGE ON SCHEMA public TO {role}",
            $"REVOKE CREATE ON SCHEMA public FROM {role}",
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
            $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
            $"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {role}",
            $"REVOKE ALL ON skillsorleans_audit FROM {role}",
            $"GRANT SELECT, INSERT ON skillsorleans_audit TO {role}",
            $"REVOKE ALL ON {SchemaMigrator.JournalTable} FROM {role}",
        ];
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        LogProvisioned(logger, settings.Role, (bool)exists ? "updated" : "created");
    }

    private static async Task<object?> ScalarAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string? role, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        if (role is not null)
        {
            command.Parameters.AddWithValue("role", role);
        }

        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static string Quote(string identifier) => '"' + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + '"';

    [LoggerMessage(Level = LogLevel.Information, Message = "Application database role {Role} {Change}: read/write on the cluster's tables, append-only on the audit trail")]
    private static partial void LogProvisioned(ILogger logger, string role, string change);
}
