using System.Reflection;

namespace SkillsOrleans.CrashHarness;

/// <summary>
/// Where the executables under test are: the silo and the API as built in this repository, in the configuration this
/// harness was built in (its project references build them first).
/// </summary>
public sealed record RepositoryLayout(string Root, string Configuration)
{
    public string SiloDll => Path.Combine(Root, "silo", "bin", Configuration, "net10.0", "SkillsOrleans.Silo.dll");

    public string ApiDll => Path.Combine(Root, "api", "bin", Configuration, "net10.0", "SkillsOrleans.Api.dll");

    public string ApiDirectory => Path.GetDirectoryName(ApiDll)!;

    public static RepositoryLayout Find()
    {
        var configuration = typeof(RepositoryLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var root = FindRoot(AppContext.BaseDirectory) ?? FindRoot(Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException("SkillsOrleans.sln not found above the harness or the current directory.");
        var layout = new RepositoryLayout(root, configuration);
        foreach (var dll in new[] { layout.SiloDll, layout.ApiDll })
        {
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException($"{dll} is missing: build first (dotnet build SkillsOrleans.sln -c {configuration}).");
            }
        }

        return layout;
    }

    private static string? FindRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SkillsOrleans.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
