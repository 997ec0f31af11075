using SkillsOrleans.Testing;

namespace SkillsOrleans.ClusterTests;

/// <summary>Tests that share one throw-away PostgreSQL server (each class takes its own database).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
