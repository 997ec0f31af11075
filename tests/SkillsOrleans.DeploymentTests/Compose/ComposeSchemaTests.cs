using System.Text.Json.Nodes;

namespace SkillsOrleans.DeploymentTests.Compose;

/// <summary>Every Compose file, interpolated with a filled-in .env.example, is valid by the Compose Specification.</summary>
public sealed class ComposeSchemaTests
{
    public static TheoryData<string> Files => [.. ComposeFiles.All];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Compose_file_is_valid_by_the_compose_specification(string file)
    {
        var document = ComposeFiles.Load(file, ComposeFiles.FilledEnvironment());

        var errors = await ComposeSpecSchema.ValidateAsync(document);

        Assert.True(errors.Count == 0, $"{file}:\n{string.Join('\n', errors)}");
    }

    /// <summary>The check has teeth: the same file with one mistake each is refused.</summary>
    [Theory]
    [InlineData("an unknown service key", "services.silo", "restart_policy", "\"always\"")]
    [InlineData("a healthcheck retry count that is a list", "services.api.healthcheck", "retries", "[4]")]
    [InlineData("an environment that is a number", "services.runtime-silo", "environment", "42")]
    [InlineData("ports given as a mapping", "services.api", "ports", "{\"http\": 5080}")]
    [InlineData("a depends_on condition Compose does not know", "services.silo.depends_on.migrate", "condition", "\"service_finished\"")]
    [InlineData("an unknown top-level key", "", "secretz", "{}")]
    public async Task Compose_specification_refuses_a_broken_file(string mistake, string path, string key, string json)
    {
        var document = ComposeFiles.Load(ComposeFiles.Base, ComposeFiles.FilledEnvironment());
        var target = path.Length == 0 ? document : path.Split('.').Aggregate((JsonNode)document, (node, part) => node[part]!).AsObject();
        target[key] = JsonNode.Parse(json);

        var errors = await ComposeSpecSchema.ValidateAsync(document);

        Assert.True(errors.Count > 0, $"the schema accepted {mistake}");
    }

    [Fact]
    public void A_missing_required_secret_stops_interpolation_as_it_stops_compose()
    {
        var variables = ComposeFiles.FilledEnvironment();
        variables.Remove("POSTGRES_PASSWORD");

        var error = Assert.Throws<ComposeInterpolationException>(() => ComposeFiles.Load(ComposeFiles.Base, variables));

        Assert.Equal("POSTGRES_PASSWORD", error.Variable);
        Assert.Contains("set POSTGRES_PASSWORD in .env", error.Message, StringComparison.Ordinal);
    }
}
