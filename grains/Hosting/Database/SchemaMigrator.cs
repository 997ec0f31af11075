using DbUp;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SkillsOrleans.Hosting.Database;

/// <summary>
/// Applies the versioned scripts of deploy/sql (embedded in this assembly) with DbUp. DbUp journals each script
/// it ran, so a second run is a no-op; the scripts are idempotent as well, so even a lost journal changes nothing.
/// A PostgreSQL advisory lock serialises silos that start at the same moment against one database.
/// </summary>
public static class SchemaMigrator
{
    public const string JournalTable = "skillsorleans_schema_versions";

    private const string ScriptPrefix = "SkillsOrleans.Schema.";

    // Arbitrary but fixed: every SkillsOrleans migrator takes the same lock.
    private const long AdvisoryLockKey = 0x534B_4F52_4C53_0001;

    public static async Task<SchemaMigrationResult> ApplyAsync(
        string connectionString, ILogger logger, CancellationToken cancellationToken = default)
    {
        EnsureDatabase.For.PostgresqlDatabase(connectionString, new MicrosoftUpgradeLog(logger));

        await using var lockConnection = new NpgsqlConnection(connectionString);
        await lockConnection.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", lockConnection))
        {
            take.Parameters.AddWithValue("key", AdvisoryLockKey);
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            var upgrader = DeployChanges.To
                .PostgresqlDatabase(connectionString)
                .WithScriptsEmbeddedInAssembly(typeof(SchemaMigrator).Assembly, name => name.StartsWith(ScriptPrefix, StringComparison.Ordinal))
                .JournalToPostgresqlTable("public", JournalTable)
                .WithTransactionPerScript()
                .WithVariablesDisabled() // our functions use $body$ quoting, which DbUp would read as a variable
                .LogTo(new MicrosoftUpgradeLog(logger))
                .Build();

            var result = upgrader.PerformUpgrade();
            if (!result.Successful)
            {
                throw new SchemaMigrationException(
                    $"Schema script '{result.ErrorScript?.Name}' failed: {result.Error?.Message}", result.Error);
            }

            return new SchemaMigrationResult([.. result.Scripts.Select(s => s.Name)]);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", lockConnection);
            release.Parameters.AddWithValue("key", AdvisoryLockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>The scripts this build carries, in the order they apply.</summary>
    public static IReadOnlyList<string> BundledScripts() =>
        [.. typeof(SchemaMigrator).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ScriptPrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
}

/// <summary>The scripts one migration run executed (empty when the database was already current).</summary>
public sealed record SchemaMigrationResult(IReadOnlyList<string> AppliedScripts);

public sealed class SchemaMigrationException(string message, Exception? inner) : Exception(message, inner);
