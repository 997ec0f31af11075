using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Grains.Accounts;

namespace SkillsOrleans.Hosting.Accounts;

/// <summary>
/// Credential indexes in <c>skillsorleans_credential_index</c> (deploy/sql/0018_credential_index.sql): a row per
/// credential, the snapshot as JSON with the status by name, so that operators can read it.
/// </summary>
public sealed class PostgresCredentialIndexStore(NpgsqlDataSource dataSource) : ICredentialIndexStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General) { Converters = { new JsonStringEnumConverter() } };

    private const string ReadSql = "SELECT snapshot FROM skillsorleans_credential_index WHERE account_id = $1";

    // An older snapshot never replaces a newer one: a write from an activation that lost its place is a no-op.
    private const string UpsertSql = """
        INSERT INTO skillsorleans_credential_index AS i (account_id, credential_ref, version, updated_at, snapshot)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (account_id, credential_ref) DO UPDATE
           SET version = EXCLUDED.version, updated_at = EXCLUDED.updated_at, snapshot = EXCLUDED.snapshot
         WHERE (EXCLUDED.version, EXCLUDED.updated_at) >= (i.version, i.updated_at)
        """;

    public async Task<IReadOnlyList<CredentialSnapshot>> ReadAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new() { Value = accountId });
        var entries = new List<CredentialSnapshot>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(JsonSerializer.Deserialize<CredentialSnapshot>(reader.GetString(0), Json)
                ?? throw new InvalidDataException($"A credential index row of account '{accountId}' holds no snapshot."));
        }

        return entries;
    }

    public async Task WriteAsync(string accountId, IReadOnlyList<CredentialSnapshot> snapshots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        if (snapshots.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var snapshot in snapshots)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(UpsertSql)
            {
                Parameters =
                {
                    new() { Value = accountId },
                    new() { Value = snapshot.CredentialRef },
                    new() { Value = snapshot.Version },
                    new() { Value = snapshot.UpdatedAt },
                    new() { Value = JsonSerializer.Serialize(snapshot, Json), NpgsqlDbType = NpgsqlDbType.Jsonb },
                },
            });
        }

        // A batch of several statements runs in one implicit transaction: all of them are stored or none.
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
