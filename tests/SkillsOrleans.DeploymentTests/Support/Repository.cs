namespace SkillsOrleans.DeploymentTests.Support;

/// <summary>The repository the tests run from, found by walking up to <c>SkillsOrleans.sln</c>.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    /// <summary>Files under a folder (repository-relative, forward slashes), sorted.</summary>
    public static IReadOnlyList<string> FilesUnder(string relativeFolder, string searchPattern) =>
        [.. Directory.EnumerateFiles(PathOf(relativeFolder), searchPattern, SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(path => !path.Split('/').Any(part => part is "bin" or "obj" or "node_modules" or ".data"))
            .Order(StringComparer.Ordinal)];

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SkillsOrleans.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"SkillsOrleans.sln not found above {AppContext.BaseDirectory}.");
    }
}
