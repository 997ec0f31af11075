using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SkillsOrleans.Hosting.Database;
using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

[Collection(PostgresCollection.Name)]
public sealed class SchemaMigrationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Applying_the_schema_twice_is_a_no_op()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("schema");

        var first = await SchemaMigrator.ApplyAsync(connectionString, NullLogger.Instance);
        var catalogAfterFirst = await QueryCatalogAsync(connectionString);
        var second = await SchemaMigrator.ApplyAsync(connectionString, NullLogger.Instance);

        Assert.Equal(SchemaMigrator.BundledScripts(), first.AppliedScripts);
        Assert.Empty(second.AppliedScripts);
        Assert.Equal(catalogAfterFirst, await QueryCatalogAsync(connectionString));
        Assert.Equal(SchemaMigrator.BundledScripts().Count, await Sql.ScalarAsync<long>(connectionString, $"SELECT count(*) FROM {SchemaMigrator.JournalTable}"));
    }

    [Fact]
    public async Task The_scripts_themselves_are_idempotent_even_without_the_journal()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync("rerun");
        var catalog = await QueryCatalogAsync(connectionString);
        await Sql.ExecuteAsync(connectionString, $"DROP TABLE {SchemaMigrator.JournalTable}");

        var rerun = await SchemaMigrator.ApplyAsync(connectionString, NullLogger.Instance);

        Assert.Equal(SchemaMigrator.BundledScripts(), rerun.AppliedScripts);
        Assert.Equal(catalog, await QueryCatalogAsync(connectionString));
    }

    [Fact]
    public async Task Concurrent_migrators_serialise_and_apply_each_script_once()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("race");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SchemaMigrator.ApplyAsync(connectionString, NullLogger.Instance)));

        Assert.Equal(SchemaMigrator.BundledScripts().Count, results.Sum(r => r.AppliedScripts.Count));
    }

    [Theory]
    [InlineData("Orleans.Clustering.AdoNet", "Orleans.Clustering.AdoNet.Storage.DbStoredQueries")]
    [InlineData("Orleans.Reminders.AdoNet", "Orleans.Reminders.AdoNet.Storage.DbStoredQueries")]
    public async Task The_catalog_holds_every_query_the_shipped_provider_requires(string assemblyName, string typeName)
    {
        // The provider refuses to start unless every non-public property of its DbStoredQueries is a key in the table.
        var required = Assembly.Load(assemblyName).GetType(typeName, throwOnError: true)!
            .GetProperties(BindingFlags.Instance | BindingFlags.NonPublic)
            .Select(p => p.Name)
            .ToArray();
        var connectionString = await postgres.CreateMigratedDatabaseAsync("keys");

        var catalog = await QueryCatalogAsync(connectionString);

        Assert.NotEmpty(required);
        Assert.All(required, key => Assert.Contains(key, catalog.Keys));
    }

    [Fact]
    public async Task The_catalog_holds_the_grain_storage_queries()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync("storage");

        var catalog = await QueryCatalogAsync(connectionString);

        Assert.All(["WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey"], key => Assert.Contains(key, catalog.Keys));
    }

    private static async Task<Dictionary<string, string>> QueryCatalogAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT querykey, querytext FROM orleansquery", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var catalog = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            catalog[reader.GetString(0)] = reader.GetString(1);
        }

        return catalog;
    }
}
