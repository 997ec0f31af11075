namespace SkillsOrleans.UnitTests.Architecture;

/// <summary>
/// The layering ARCHITECTURE.md draws, checked over the .csproj files: which project may reference which, what stays
/// free of Orleans, and what the API can reach.
/// </summary>
public sealed class ProjectReferenceTests
{
    private const string Model = "SkillsOrleans.Model";
    private const string Sealing = "SkillsOrleans.Sealing";
    private const string Contracts = "SkillsOrleans.Contracts";
    private const string RuntimeHost = "SkillsOrleans.RuntimeHost";
    private const string Grains = "SkillsOrleans.Grains";
    private const string ClientHosting = "SkillsOrleans.ClientHosting";
    private const string Hosting = "SkillsOrleans.Hosting";
    private const string Api = "SkillsOrleans.Api";
    private const string Silo = "SkillsOrleans.Silo";
    private const string Cli = "SkillsOrleans.Cli";

    /// <summary>Each project and the projects it may reference directly (the arrows of ARCHITECTURE.md).</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        [Model] = [],
        [Sealing] = [Model],
        [Contracts] = [Model, Sealing],
        [RuntimeHost] = [Model, Sealing],
        [Grains] = [Contracts, RuntimeHost],
        [ClientHosting] = [Contracts],
        [Hosting] = [ClientHosting, Grains],
        [Api] = [Contracts, ClientHosting, Sealing],
        [Silo] = [Hosting],
        [Cli] = [], // speaks only HTTP to the API: no contract, no cluster access
    };

    private static readonly ProjectGraph Product = ProjectGraph.ReadProduct(RepositoryFiles.Root());

    [Fact]
    public void Every_project_references_only_what_its_layer_allows()
    {
        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), Product.Projects.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(Product.Violations(Allowed));
    }

    [Theory]
    [InlineData(Model)]
    [InlineData(Sealing)]
    [InlineData(RuntimeHost)]
    public void The_vocabulary_the_crypto_and_the_host_code_need_no_Orleans(string project) =>
        Assert.DoesNotContain(Product.PackagesReached(project), package => package.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));

    [Fact]
    public void The_api_is_a_client_it_reaches_neither_grains_nor_the_silo_side_nor_their_tools()
    {
        var reached = Product.Closure(Api);
        Assert.DoesNotContain(Grains, reached);
        Assert.DoesNotContain(Hosting, reached);
        Assert.DoesNotContain(RuntimeHost, reached);
        var packages = Product.PackagesReached(Api);
        Assert.DoesNotContain("Microsoft.Orleans.Server", packages);
        Assert.DoesNotContain("dbup-postgresql", packages);
        Assert.DoesNotContain("YamlDotNet", packages);
    }

    [Fact]
    public void A_reference_against_the_layering_is_caught()
    {
        var upward = new ProjectGraph(new Dictionary<string, ProjectNode>(StringComparer.Ordinal)
        {
            [Model] = new(Model, [Contracts], []),
            [Contracts] = new(Contracts, [Model], ["Microsoft.Orleans.Sdk"]),
            ["SkillsOrleans.Stray"] = new("SkillsOrleans.Stray", [], []),
        });

        Assert.Equal(
            [$"{Model} may not reference {Contracts}", "SkillsOrleans.Stray is not in the layering rules"],
            upward.Violations(Allowed));
        Assert.Contains("Microsoft.Orleans.Sdk", upward.PackagesReached(Model));
    }
}
