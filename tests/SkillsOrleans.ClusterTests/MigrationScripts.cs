using SkillsOrleans.Hosting.Database;

namespace SkillsOrleans.ClusterTests;

/// <summary>The schema scripts as the silos apply them, for tests that run one again by hand.</summary>
internal static class MigrationScripts
{
    public static string Read(string name)
    {
        using var stream = typeof(SchemaMigrator).Assembly.GetManifestResourceStream("SkillsOrleans.Schema." + name)
            ?? throw new InvalidOperationException($"{name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
