using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Model.Skills;

namespace SkillsOrleans.RuntimeHost.Skills;

/// <summary>
/// Turns a SKILL.md into a <see cref="SkillManifest"/> the way OpenClaw 2026.9 reads it: the skill key is
/// <c>metadata.openclaw.skillKey</c>, else the frontmatter <c>name</c>, else the folder's name; a description is
/// required; requirements come from <c>metadata.openclaw</c>, or the legacy <c>metadata.clawdbot</c> block when there
/// is none (taken whole, never merged). List fields accept a list or a comma-separated string. A broken file still
/// yields a manifest (keyed by its folder) that carries the error, so the catalog shows it instead of hiding it —
/// OpenClaw itself skips such a skill with a log line.
/// </summary>
public static class SkillManifestParser
{
    /// <summary>Metadata blocks in the order OpenClaw consults them.</summary>
    private static readonly string[] MetadataBlocks = ["openclaw", "clawdbot"];

    /// <param name="folder">The skill folder's path relative to the skills root (its last segment is the fallback name).</param>
    public static SkillManifest Parse(string folder, string markdown, SkillOrigin? origin = null)
    {
        try
        {
            return ParseOrThrow(folder, markdown, origin);
        }
        catch (SkillManifestException error)
        {
            return Broken(folder, error.Message, origin);
        }
    }

    public static SkillManifest Broken(string folder, string error, SkillOrigin? origin = null) =>
        new(folder, folder, null, null, null, null, null, SkillRequirements.None, [], origin, error);

    private static SkillManifest ParseOrThrow(string folder, string markdown, SkillOrigin? origin)
    {
        var frontmatter = FrontmatterReader.Read(markdown);
        var name = Text(frontmatter, "name") ?? Path.GetFileName(folder.TrimEnd('/'));
        var description = Text(frontmatter, "description")
            ?? throw new SkillManifestException("description is required");
        var block = OpenClawBlock(frontmatter);
        var skillKey = RawText(block, "skillKey") ?? name;
        if (!ResourceIds.IsSkillKey(skillKey))
        {
            throw new SkillManifestException(
                $"skill key '{ResourceIds.Printable(skillKey)}' cannot name a credential (letters, digits, '.', '_' and '-' only)");
        }

        var requires = Map(block, "requires");
        var primaryEnv = Text(block, "primaryEnv");
        if (primaryEnv is not null && !ResourceIds.IsKeyName(primaryEnv))
        {
            throw new SkillManifestException($"primaryEnv '{ResourceIds.Printable(primaryEnv)}' is not an environment variable name");
        }

        return new SkillManifest(
            skillKey,
            folder,
            name,
            description,
            Text(block, "homepage") ?? Text(frontmatter, "homepage") ?? Text(frontmatter, "website") ?? Text(frontmatter, "url"),
            Text(block, "emoji") ?? Text(frontmatter, "emoji"),
            primaryEnv,
            new SkillRequirements(
                EnvNames(requires, "env"),
                Strings(requires, "bins"),
                Strings(requires, "anyBins"),
                Strings(requires, "config")),
            [.. Strings(block, "os").Select(os => os == "macos" ? "darwin" : os).Distinct(StringComparer.Ordinal)],
            origin,
            null);
    }

    private static IReadOnlyDictionary<string, object?> OpenClawBlock(IReadOnlyDictionary<string, object?> frontmatter)
    {
        var metadata = frontmatter.GetValueOrDefault("metadata") switch
        {
            null => null,
            IReadOnlyDictionary<string, object?> mapping => mapping,
            string literal when string.IsNullOrWhiteSpace(literal) => null,
            string literal => FrontmatterReader.ReadObjectLiteral(literal),
            _ => throw new SkillManifestException("metadata must be an object"),
        };

        foreach (var name in MetadataBlocks)
        {
            if (metadata?.GetValueOrDefault(name) is IReadOnlyDictionary<string, object?> block)
            {
                return block;
            }
        }

        return new Dictionary<string, object?>();
    }

    private static string? Text(IReadOnlyDictionary<string, object?> map, string key) =>
        map.GetValueOrDefault(key) switch
        {
            null => null,
            string text when string.IsNullOrWhiteSpace(text) => null,
            string text => text.Trim(),
            _ => throw new SkillManifestException($"'{key}' must be a string"),
        };

    /// <summary>A string as written (OpenClaw does not trim the skill key).</summary>
    private static string? RawText(IReadOnlyDictionary<string, object?> map, string key) =>
        map.GetValueOrDefault(key) switch
        {
            null => null,
            string text when text.Length == 0 => null,
            string text => text,
            _ => throw new SkillManifestException($"'{key}' must be a string"),
        };

    private static IReadOnlyDictionary<string, object?> Map(IReadOnlyDictionary<string, object?> map, string key) =>
        map.GetValueOrDefault(key) switch
        {
            null => new Dictionary<string, object?>(),
            IReadOnlyDictionary<string, object?> mapping => mapping,
            _ => throw new SkillManifestException($"'{key}' must be an object"),
        };

    private static IReadOnlyList<string> Strings(IReadOnlyDictionary<string, object?> map, string key) =>
        map.GetValueOrDefault(key) switch
        {
            null => [],
            string list => [.. list.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)],
            IReadOnlyList<object?> items => [.. items.OfType<string>().Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)],
            _ => throw new SkillManifestException($"'{key}' must be a list of strings"),
        };

    private static IReadOnlyList<string> EnvNames(IReadOnlyDictionary<string, object?> requires, string key)
    {
        var names = Strings(requires, key);
        var invalid = names.FirstOrDefault(n => !ResourceIds.IsKeyName(n));
        return invalid is null
            ? names
            : throw new SkillManifestException($"requires.env entry '{ResourceIds.Printable(invalid)}' is not an environment variable name");
    }
}
