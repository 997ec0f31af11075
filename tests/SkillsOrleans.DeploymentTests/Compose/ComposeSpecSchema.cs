using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;
using SkillsOrleans.DeploymentTests.Support;

namespace SkillsOrleans.DeploymentTests.Compose;

/// <summary>
/// The Compose Specification's JSON schema (vendored in <c>Schemas/compose-spec.json</c>, see its README), checked
/// with NJsonSchema. Compose validates the interpolated document against this schema before it runs anything.
/// </summary>
internal static class ComposeSpecSchema
{
    private static readonly Lazy<Task<JsonSchema>> Schema = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Schemas", "compose-spec.json")));

    public static async Task<IReadOnlyList<string>> ValidateAsync(JsonObject document)
    {
        var schema = await Schema.Value;
        return [.. schema.Validate(document.ToJsonString()).SelectMany(Describe)];
    }

    private static IEnumerable<string> Describe(ValidationError error) =>
        error is ChildSchemaValidationError child
            ? [$"{error.Path}: {error.Kind}", .. child.Errors.SelectMany(pair => pair.Value.SelectMany(Describe))]
            : [$"{error.Path}: {error.Kind}"];
}
