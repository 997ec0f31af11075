namespace SkillsOrleans.UnitTests;

/// <summary>The repository the tests run from, for tests that read its non-code files (dashboards, rules, page scripts).</summary>
internal static class RepositoryFiles
{
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SkillsOrleans.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("SkillsOrleans.sln not found above the test directory.");
    }
}
