using System.Text.Json.Nodes;
using SkillsOrleans.DeploymentTests.Support;

namespace SkillsOrleans.DeploymentTests.Compose;

/// <summary>The Compose files at the repository root and the environment they are read with.</summary>
internal static class ComposeFiles
{
    public const string Base = "docker-compose.yml";
    public const string Fleet = "docker-compose.fleet.yml";
    public const string EnvExample = ".env.example";

    public static IReadOnlyList<string> All { get; } = [Base, Fleet];

    /// <summary>Secrets .env.example leaves empty on purpose; tests fill them with throw-away values.</summary>
    public static IReadOnlyList<string> SecretVariables { get; } =
        ["POSTGRES_PASSWORD", "POSTGRES_APP_PASSWORD", "POSTGRES_RUNTIME_PASSWORD", "SKILLSORLEANS_METRICS_SCRAPE_TOKEN", "OPENCLAW_GATEWAY_TOKEN", "RUNTIME_2_GATEWAY_TOKEN"];

    public static IReadOnlyDictionary<string, string> ExampleEnvironment => EnvFile.Parse(Repository.Read(EnvExample));

    /// <summary>.env.example with every secret filled in, as an operator's .env would be.</summary>
    public static Dictionary<string, string> FilledEnvironment()
    {
        var values = new Dictionary<string, string>(ExampleEnvironment, StringComparer.Ordinal);
        foreach (var secret in SecretVariables)
        {
            values[secret] = $"test-{secret.ToLowerInvariant()}-value";
        }

        return values;
    }

    /// <summary>One Compose file, interpolated with the given variables, as the JSON tree Compose validates.</summary>
    public static JsonObject Load(string file, IReadOnlyDictionary<string, string> variables) =>
        Parse(Repository.Read(file), variables);

    public static JsonObject Parse(string yaml, IReadOnlyDictionary<string, string> variables)
    {
        var interpolation = new ComposeInterpolation(variables);
        return YamlJson.ReadObject(yaml, interpolation.Resolve);
    }

    /// <summary>The services of the base file and the fleet overlay together (the overlay only adds services).</summary>
    public static IReadOnlyDictionary<string, JsonObject> FleetServices(IReadOnlyDictionary<string, string> variables) =>
        All.SelectMany(file => Services(Load(file, variables))).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);

    public static IEnumerable<KeyValuePair<string, JsonObject>> Services(JsonObject document) =>
        (document["services"] as JsonObject ?? [])
            .Select(pair => new KeyValuePair<string, JsonObject>(pair.Key, pair.Value as JsonObject ?? []));

    /// <summary>A service's environment as name → value (map or list syntax).</summary>
    public static IReadOnlyDictionary<string, string?> Environment(JsonObject service) => service["environment"] switch
    {
        JsonObject map => map.ToDictionary(pair => pair.Key, pair => pair.Value?.ToString(), StringComparer.Ordinal),
        JsonArray list => list.Select(item => item!.GetValue<string>().Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : null, StringComparer.Ordinal),
        _ => new Dictionary<string, string?>(),
    };

    /// <summary>A service's volume mounts as target → source (short syntax "source:target[:mode]").</summary>
    public static IReadOnlyDictionary<string, string> Volumes(JsonObject service) =>
        (service["volumes"] as JsonArray ?? [])
            .Select(item => item!.GetValue<string>().Split(':'))
            .ToDictionary(parts => parts[1], parts => parts[0], StringComparer.Ordinal);
}
