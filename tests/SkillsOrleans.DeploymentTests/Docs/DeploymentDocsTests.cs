using System.Text.RegularExpressions;
using SkillsOrleans.DeploymentTests.Compose;
using SkillsOrleans.DeploymentTests.Dockerfiles;
using SkillsOrleans.DeploymentTests.Kubernetes;
using SkillsOrleans.DeploymentTests.Support;

namespace SkillsOrleans.DeploymentTests.Docs;

/// <summary>The deployment documents describe every setting the files use, and their links lead somewhere.</summary>
public sealed partial class DeploymentDocsTests
{
    private const string ComposeGuide = "docs/runtime/runtime-docker-compose.md";

    private static readonly string[] LinkedFromReadme =
        ["docs/runtime/runtime-docker-compose.md", "docs/operations.md", "docs/runtime/AGENTS.md", "CONTRIBUTING.md", "SECURITY.md", "CODE_OF_CONDUCT.md", "LICENSE"];

    public static TheoryData<string> Documents =>
    [
        "README.md", "SECURITY.md", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "docs/operations.md", ComposeGuide, "docs/runtime/AGENTS.md",
    ];

    [Fact]
    public void The_compose_guide_describes_every_variable_the_deployment_files_set()
    {
        var guide = Repository.Read(ComposeGuide);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        names.UnionWith(ComposeFiles.ExampleEnvironment.Keys);
        names.UnionWith(ComposeFiles.FleetServices(ComposeFiles.FilledEnvironment()).Values.SelectMany(service => ComposeFiles.Environment(service).Keys));
        names.UnionWith(KubernetesManifests.PodSpecs().SelectMany(pair => pair.Pod.AllContainers()).SelectMany(c => c.Env ?? []).Select(env => env.Name));
        names.UnionWith(KubernetesManifests.OfKind<k8s.Models.V1ConfigMap>().SelectMany(map => map.Data.Keys));
        foreach (var dockerfile in DockerfileSource.All.Select(DockerfileSource.Load))
        {
            names.UnionWith(dockerfile.Named("ARG").Select(arg => arg.Arguments.Split('=')[0]));
            names.UnionWith(dockerfile.Named("ENV").SelectMany(env => EnvAssignment().Matches(env.Arguments).Select(m => m.Groups["name"].Value)));
        }

        var missing = names.Where(name => !guide.Contains($"`{name}`", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, $"{ComposeGuide} does not describe: {string.Join(", ", missing)}");
    }

    [Fact]
    public void The_compose_guide_describes_every_variable_the_runtime_host_reads()
    {
        var guide = Repository.Read(ComposeGuide);
        var source = Repository.Read("grains/Hosting/Configuration/RuntimeHostSettings.cs")
            + Repository.Read("grains/RuntimeHost/OpenClaw/OpenClawGatewayOptions.cs");
        var read = VariableLiteral().Matches(source).Select(m => m.Groups["name"].Value).Where(name => name != "HOME").ToHashSet();
        Assert.Contains("RUNTIME_ID", read);

        Assert.All(read, name => Assert.True(guide.Contains($"`{name}`", StringComparison.Ordinal), $"{ComposeGuide} does not describe {name}"));
    }

    [Fact]
    public void The_compose_guide_describes_every_setting_of_the_readmes_configuration_table()
    {
        var guide = Repository.Read(ComposeGuide);
        var readme = Repository.Read("README.md");
        var table = readme[readme.IndexOf("## Configuration", StringComparison.Ordinal)..readme.IndexOf("More: [ARCHITECTURE", StringComparison.Ordinal)];
        var settings = table.Split('\n').Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(line => CodeSpan().Matches(line.Split('|')[1]).Select(m => m.Groups["code"].Value.TrimEnd('…')))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("ConnectionStrings__Postgres", settings);

        var missing = settings.Where(name => !guide.Contains($"`{name}`", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, $"{ComposeGuide} does not describe: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Local_links_lead_to_files_and_headings_that_exist(string document)
    {
        var text = Repository.Read(document);
        var folder = Path.GetDirectoryName(Repository.PathOf(document))!;
        foreach (Match link in MarkdownLink().Matches(text))
        {
            var target = link.Groups["target"].Value;
            if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }

            var (path, anchor) = target.Split('#', 2) is [var p, var a] ? (p, a) : (target, null);
            var file = path.Length == 0 ? Repository.PathOf(document) : Path.GetFullPath(Path.Combine(folder, path));
            Assert.True(File.Exists(file) || Directory.Exists(file), $"{document}: link to {target} leads nowhere");
            if (anchor is not null && file.EndsWith(".md", StringComparison.Ordinal))
            {
                var slugs = Heading().Matches(File.ReadAllText(file)).Select(h => Slug(h.Groups["title"].Value)).ToHashSet();
                Assert.True(slugs.Contains(anchor), $"{document}: no heading #{anchor} in {path}");
            }
        }
    }

    [Fact]
    public void The_readme_links_the_deployment_and_project_documents()
    {
        var readme = Repository.Read("README.md");

        Assert.All(
            LinkedFromReadme,
            target => Assert.Contains($"]({target})", readme, StringComparison.Ordinal));
        Assert.StartsWith("MIT License", Repository.Read("LICENSE"), StringComparison.Ordinal);
    }

    /// <summary>GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.</summary>
    private static string Slug(string heading) =>
        SlugDrop().Replace(heading.Trim().ToLowerInvariant().Replace("`", "", StringComparison.Ordinal), "").Replace(' ', '-');

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex EnvAssignment();

    [GeneratedRegex(@"""(?<name>[A-Z][A-Z0-9_]{3,})""")]
    private static partial Regex VariableLiteral();

    [GeneratedRegex(@"`(?<code>[^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^#{1,6}\s+(?<title>.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^a-z0-9 _-]")]
    private static partial Regex SlugDrop();
}
