using Microsoft.Extensions.Logging.Abstractions;
using SkillsOrleans.Hosting.Database;
using Xunit;

namespace SkillsOrleans.Testing;

/// <summary>One PostgreSQL server for a test collection; each test class takes its own database from it.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("PostgreSQL has not started.");

    /// <summary>A fresh database with the SkillsOrleans schema applied.</summary>
    public async Task<string> CreateMigratedDatabaseAsync(string prefix = "t")
    {
        var connectionString = await Server.CreateDatabaseAsync(prefix);
        await SchemaMigrator.ApplyAsync(connectionString, NullLogger.Instance);
        return connectionString;
    }

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
