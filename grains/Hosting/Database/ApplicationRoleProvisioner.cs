using Microsoft.Extensions.Logging;
using Npgsql;
using SkillsOrleans.Grains.Runtimes;

namespace SkillsOrleans.Hosting.Database;

/// <summary>
/// Creates or updates the services' database roles, connected as the schema owner after the migration. Both roles may
/// log in and own nothing, so neither can alter the schema, the audit trail's append-only triggers or the grain state's
/// row-level security. The application role (core silos, API) reads and writes the cluster's tables and only reads and
/// appends the audit trail; the runtime role (runtime silos) reaches only what a runtime silo needs
/// (<see cref="ApplyRuntimeRoleAsync"/>). Run on every migration, so tables a later script adds are granted too and a
/// role that gained a privilege by hand loses it again. Idempotent.
/// </summary>
public static partial class ApplicationRoleProvisioner
{
    private const string ScopeTable = "skillsorleans_grain_state_scope";

    public static async Task ApplyAsync(string ownerConnectionString, ApplicationRoleSettings settings, ILogger logger, CancellationToken cancellationToken = default)
    {
        var change = await ProvisionAsync(ownerConnectionString, settings, "ApplicationRole", (role, database) =>
        [
            $"GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {role}",
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
            $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
            $"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {role}",
            $"REVOKE ALL ON skillsorleans_audit FROM {role}",
            $"GRANT SELECT, INSERT ON skillsorleans_audit TO {role}",
            $"REVOKE ALL ON {SchemaMigrator.JournalTable} FROM {role}",
            .. ScopeStatements(settings.Role, role, grainTypes: null),
        ], cancellationToken);
        LogProvisioned(logger, settings.Role, change);
    }

    /// <summary>
    /// The runtime silos' role: Orleans' membership tables (read and write: a silo joins, renews its lease, votes
    /// others dead), the query catalog and reminders (read), and grain state only of the grain types runtime silos
    /// host (<see cref="RuntimeSiloGrains.StateNames"/>, enforced by row-level security). Nothing else: no audit trail,
    /// no skill catalogs, no other grain state, no sequence, no migration journal.
    /// </summary>
    public static async Task ApplyRuntimeRoleAsync(string ownerConnectionString, ApplicationRoleSettings settings, ILogger logger, CancellationToken cancellationToken = default)
    {
        var change = await ProvisionAsync(ownerConnectionString, settings, "RuntimeRole", (role, database) =>
        [
            $"GRANT CONNECT ON DATABASE {database} TO {role}",
            $"REVOKE TEMPORARY ON DATABASE {database} FROM {role}",
            $"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}",
            $"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {role}",
            $"GRANT SELECT ON orleansquery TO {role}",
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON orleansmembershiptable TO {role}",
            $"GRANT SELECT, INSERT, UPDATE ON orleansmembershipversiontable TO {role}",
            $"GRANT SELECT ON orleansreminderstable TO {role}",
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON orleansstorage TO {role}",
            .. ScopeStatements(settings.Role, role, RuntimeSiloGrains.StateNames),
        ], cancellationToken);
        LogRuntimeProvisioned(logger, settings.Role, change, string.Join(", ", RuntimeSiloGrains.StateNames));
    }

    /// <summary>
    /// Which grain state rows the role sees (all of them when <paramref name="grainTypes"/> is null): its row in the
    /// scope table that orleansstorage's policies read, which it may read but never change.
    /// </summary>
    private static string[] ScopeStatements(string roleName, string role, IReadOnlyList<string>? grainTypes) =>
    [
        $"REVOKE ALL ON {ScopeTable} FROM {role}",
        $"GRANT SELECT ON {ScopeTable} TO {role}",
        $"INSERT INTO {ScopeTable} (role_name, grain_types) VALUES ({Literal(roleName)}, " +
            $"{(grainTypes is null ? "NULL" : $"ARRAY[{string.Join(", ", grainTypes.Select(Literal))}]::text[]")}) " +
            "ON CONFLICT (role_name) DO UPDATE SET grain_types = EXCLUDED.grain_types",
    ];

    /// <returns>"created" or "updated".</returns>
    private static async Task<string> ProvisionAsync(
        string ownerConnectionString,
        ApplicationRoleSettings settings,
        string setting,
        Func<string, string, string[]> grants,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        if (string.Equals(connection.UserName, settings.Role, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Database:{setting} '{settings.Role}' is the role the migration connects as: it must be another one, owning nothing.");
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var exists = (bool)(await ScalarAsync(connection, transaction, "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = @role)", settings.Role, cancellationToken))!;
        var database = Quote((string)(await ScalarAsync(connection, transaction, "SELECT current_database()", null, cancellationToken))!);
        var role = Quote(settings.Role); // the settings allow only [a-z0-9_]; quoted all the same

        // The verifier holds only base64, digits, '$' and ':', so it is safe as a literal; the password never leaves.
        var password = ScramVerifier.Create(settings.Password);
        string[] statements =
        [
            $"{(exists ? "ALTER" : "CREATE")} ROLE {role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '{password}'",
            $"REVOKE CREATE ON DATABASE {database} FROM {role}",
            $"GRANT USAGE ON SCHEMA public TO {role}",
            $"REVOKE CREATE ON SCHEMA public FROM {role}",
            .. grants(role, database),
        ];
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return exists ? "updated" : "created";
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

    private static string Literal(string text) => '\'' + text.Replace("'", "''", StringComparison.Ordinal) + '\'';

    [LoggerMessage(Level = LogLevel.Information, Message = "Application database role {Role} {Change}: read/write on the cluster's tables, append-only on the audit trail")]
    private static partial void LogProvisioned(ILogger logger, string role, string change);

    [LoggerMessage(Level = LogLevel.Information, Message = "Runtime database role {Role} {Change}: membership, query catalog and reminders, and grain state of {GrainTypes} only")]
    private static partial void LogRuntimeProvisioned(ILogger logger, string role, string change, string grainTypes);
}
