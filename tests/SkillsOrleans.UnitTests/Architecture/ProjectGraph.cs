using System.Xml.Linq;

namespace SkillsOrleans.UnitTests.Architecture;

/// <summary>The product's projects as their .csproj files declare them: project references and package references.</summary>
internal sealed record ProjectGraph(IReadOnlyDictionary<string, ProjectNode> Projects)
{
    /// <summary>The product's projects (not tests or benchmarks), by assembly name, read from the repository.</summary>
    public static ProjectGraph ReadProduct(string root)
    {
        var files = Directory.EnumerateFiles(Path.Combine(root, "grains"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "api"), "*.csproj"))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "silo"), "*.csproj"))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "cli"), "*.csproj"))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        return new ProjectGraph(files.Select(Read).ToDictionary(p => p.Name, StringComparer.Ordinal));
    }

    private static ProjectNode Read(string file)
    {
        var project = XDocument.Load(file);
        string[] Includes(string element) =>
            [.. project.Descendants(element).Select(e => (string?)e.Attribute("Include")).OfType<string>()];
        return new ProjectNode(
            Path.GetFileNameWithoutExtension(file),
            [.. Includes("ProjectReference").Select(path => Path.GetFileNameWithoutExtension(path.Replace('\\', Path.DirectorySeparatorChar)))],
            Includes("PackageReference"));
    }

    /// <summary>Every project <paramref name="name"/> reaches through project references, itself excluded.</summary>
    public IReadOnlySet<string> Closure(string name)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(Projects[name].References);
        while (pending.TryPop(out var next))
        {
            if (reached.Add(next) && Projects.TryGetValue(next, out var node))
            {
                foreach (var reference in node.References)
                {
                    pending.Push(reference);
                }
            }
        }

        return reached;
    }

    /// <summary>The packages a project brings in itself or through the projects it reaches.</summary>
    public IReadOnlySet<string> PackagesReached(string name) =>
        Closure(name).Append(name).Where(Projects.ContainsKey).SelectMany(p => Projects[p].Packages).ToHashSet(StringComparer.Ordinal);

    /// <summary>What breaks the rules: a reference not in <paramref name="allowed"/>, or a project the rules do not know.</summary>
    public IReadOnlyList<string> Violations(IReadOnlyDictionary<string, string[]> allowed) =>
    [
        .. Projects.Values.SelectMany(project => allowed.TryGetValue(project.Name, out var may)
            ? project.References.Except(may, StringComparer.Ordinal).Select(reference => $"{project.Name} may not reference {reference}")
            : [$"{project.Name} is not in the layering rules"]),
    ];
}

internal sealed record ProjectNode(string Name, IReadOnlyList<string> References, IReadOnlyList<string> Packages);
