using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using SkillsOrleans.Model.Skills;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Grains.Catalogs;

namespace SkillsOrleans.Hosting.Catalogs;

/// <summary>
/// Skill catalogs in <c>skillsorleans_runtime_catalog</c> (a header per runtime) and <c>skillsorleans_skill</c> (a row
/// per skill, its manifest as JSON), deploy/sql/0008_skill_catalogs.sql. A change is one transaction.
/// </summary>
public sealed class PostgresSkillCatalogStore(NpgsqlDataSource dataSource) : ISkillCatalogStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    private const string ReadHeaderSql = "SELECT account_id, scanned_at FROM skillsorleans_runtime_catalog WHERE runtime_id = $1";

    private const string ReadSkillsSql = "SELECT manifest FROM skillsorleans_skill WHERE runtime_id = $1";

    // A manifest whose SKILL.md could not be read carries its ParseError (SkillManifest, default JSON names).
    private const string ReadSummariesSql = """
        SELECT c.runtime_id, c.account_id, c.scanned_at,
               count(s.folder)::int,
               (count(s.folder) FILTER (WHERE s.manifest ->> 'ParseError' IS NOT NULL))::int
          FROM skillsorleans_runtime_catalog c
          LEFT JOIN skillsorleans_skill s ON s.runtime_id = c.runtime_id
         WHERE c.runtime_id = ANY($1)
         GROUP BY c.runtime_id, c.account_id, c.scanned_at
        """;

    private const string UpsertHeaderSql = """
        INSERT INTO skillsorleans_runtime_catalog (runtime_id, account_id, scanned_at) VALUES ($1, $2, $3)
        ON CONFLICT (runtime_id) DO UPDATE SET account_id = EXCLUDED.account_id, scanned_at = EXCLUDED.scanned_at
        """;

    private const string UpsertSkillSql = """
        INSERT INTO skillsorleans_skill (runtime_id, folder, manifest, updated_at) VALUES ($1, $2, $3, now())
        ON CONFLICT (runtime_id, folder) DO UPDATE SET manifest = EXCLUDED.manifest, updated_at = EXCLUDED.updated_at
        """;

    private const string DeleteSkillsSql = "DELETE FROM skillsorleans_skill WHERE runtime_id = $1 AND folder = ANY($2)";

    public async Task<IReadOnlyList<SkillCatalogSummary>> ReadSummariesAsync(IReadOnlyList<string> runtimeIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ReadSummariesSql);
        command.Parameters.Add(new() { Value = runtimeIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var summaries = new List<SkillCatalogSummary>(runtimeIds.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            summaries.Add(new SkillCatalogSummary(
                reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetInt32(3), reader.GetInt32(4)));
        }

        return summaries;
    }

    public async Task<StoredSkillCatalog?> ReadAsync(string runtimeId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        string accountId;
        DateTimeOffset scannedAt;
        await using (var header = new NpgsqlCommand(ReadHeaderSql, connection) { Parameters = { new() { Value = runtimeId } } })
        await using (var reader = await header.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            accountId = reader.GetString(0);
            scannedAt = reader.GetFieldValue<DateTimeOffset>(1);
        }

        var skills = new List<SkillManifest>();
        await using (var read = new NpgsqlCommand(ReadSkillsSql, connection) { Parameters = { new() { Value = runtimeId } } })
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                skills.Add(JsonSerializer.Deserialize<SkillManifest>(reader.GetString(0), Json)
                    ?? throw new InvalidDataException($"A skill row of runtime '{runtimeId}' holds no manifest."));
            }
        }

        return new StoredSkillCatalog(
            accountId,
            scannedAt,
            [.. skills.OrderBy(s => s.SkillKey, StringComparer.Ordinal).ThenBy(s => s.Folder, StringComparer.Ordinal)]);
    }

    public async Task ApplyAsync(
        string runtimeId,
        string accountId,
        DateTimeOffset scannedAt,
        IReadOnlyList<SkillManifest> upserts,
        IReadOnlyList<string> deletedFolders,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(UpsertHeaderSql) { Parameters = { new() { Value = runtimeId }, new() { Value = accountId }, new() { Value = scannedAt } } });
        if (deletedFolders.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(DeleteSkillsSql)
            {
                Parameters = { new() { Value = runtimeId }, new() { Value = deletedFolders.ToArray() } },
            });
        }

        foreach (var skill in upserts)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(UpsertSkillSql)
            {
                Parameters =
                {
                    new() { Value = runtimeId },
                    new() { Value = skill.Folder },
                    new() { Value = JsonSerializer.Serialize(skill, Json), NpgsqlDbType = NpgsqlDbType.Jsonb },
                },
            });
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
