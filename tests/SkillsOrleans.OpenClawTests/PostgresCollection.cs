using SkillsOrleans.Testing;

namespace SkillsOrleans.OpenClawTests;

/// <summary>Tests that run a real silo (and so need PostgreSQL) next to the real openclaw CLI.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
