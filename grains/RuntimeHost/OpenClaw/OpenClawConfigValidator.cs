using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// The parts of OpenClaw's strict config schema that this host writes into, checked before a merge is accepted so
/// that a config the gateway would refuse to start with is never produced:
/// every <c>skills.entries.*</c> (only <c>enabled</c> boolean, <c>apiKey</c> string or SecretRef, <c>env</c> of
/// strings, <c>config</c> object) and this host's provider under <c>secrets.providers</c>. Messages name paths and
/// rules, never values.
/// </summary>
public static partial class OpenClawConfigValidator
{
    /// <summary>OpenClaw's limits on a file provider's optional read settings.</summary>
    private const long MaxTimeoutMs = 120_000;
    private const long MaxProviderBytes = 20 * 1024 * 1024;

    private static readonly string[] EntryKeys = ["enabled", "apiKey", "env", "config"];
    private static readonly string[] SecretRefSources = ["env", "file", "exec", "store"];
    private static readonly string[] SecretRefKeys = ["source", "provider", "id"];
    private static readonly string[] FileProviderKeys = ["source", "path", "mode", "timeoutMs", "maxBytes"];

    /// <summary>Everything in <paramref name="root"/> that breaks those rules; empty when it passes.</summary>
    public static IReadOnlyList<OpenClawConfigIssue> Validate(JsonNode? root, OpenClawSecretProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var issues = new List<OpenClawConfigIssue>();
        if (root is not JsonObject config)
        {
            issues.Add(new("<root>", "the config must be a JSON object"));
            return issues;
        }

        if (ObjectAt(config, "skills", "skills", issues) is { } skills
            && ObjectAt(skills, "entries", "skills.entries", issues) is { } entries)
        {
            foreach (var (skillKey, entry) in entries)
            {
                ValidateEntry($"skills.entries.{PathSegment(skillKey)}", entry, issues);
            }
        }

        var providers = ObjectAt(config, "secrets", "secrets", issues) is { } secrets
            ? ObjectAt(secrets, "providers", "secrets.providers", issues)
            : null;
        ValidateOwnProvider(providers, provider.Alias, issues);
        return issues;
    }

    private static void ValidateEntry(string path, JsonNode? entry, List<OpenClawConfigIssue> issues)
    {
        if (entry is not JsonObject fields)
        {
            issues.Add(new(path, "must be an object"));
            return;
        }

        foreach (var (name, value) in fields)
        {
            var at = $"{path}.{PathSegment(name)}";
            switch (name)
            {
                case "enabled" when Kind(value) is not (JsonValueKind.True or JsonValueKind.False):
                    issues.Add(new(at, "must be a boolean"));
                    break;
                case "apiKey" when Kind(value) != JsonValueKind.String:
                    ValidateSecretRef(at, value, issues);
                    break;
                case "env":
                    ValidateEnv(at, value, issues);
                    break;
                case "config" when value is not JsonObject:
                    issues.Add(new(at, "must be an object"));
                    break;
                case "enabled" or "apiKey" or "config":
                    break;
                default:
                    issues.Add(new(path, $"unknown key \"{ResourceIds.Printable(name)}\" (a skill entry takes only {string.Join(", ", EntryKeys)})"));
                    break;
            }
        }
    }

    private static void ValidateEnv(string path, JsonNode? env, List<OpenClawConfigIssue> issues)
    {
        if (env is not JsonObject variables)
        {
            issues.Add(new(path, "must be an object of strings"));
            return;
        }

        foreach (var (name, value) in variables)
        {
            if (Kind(value) != JsonValueKind.String)
            {
                issues.Add(new($"{path}.{PathSegment(name)}", "must be a string"));
            }
        }
    }

    /// <summary>A SecretRef is exactly source, provider and id, each a string, with the id grammar of its source.</summary>
    private static void ValidateSecretRef(string path, JsonNode? value, List<OpenClawConfigIssue> issues)
    {
        if (value is not JsonObject reference)
        {
            issues.Add(new(path, "must be a string or a SecretRef object { source, provider, id }"));
            return;
        }

        foreach (var (name, _) in reference)
        {
            if (!SecretRefKeys.Contains(name, StringComparer.Ordinal))
            {
                issues.Add(new(path, $"unknown key \"{ResourceIds.Printable(name)}\" (a SecretRef takes only source, provider, id)"));
            }
        }

        var source = StringAt(reference, "source");
        var provider = StringAt(reference, "provider");
        var id = StringAt(reference, "id");
        if (source is null || !SecretRefSources.Contains(source, StringComparer.Ordinal))
        {
            issues.Add(new($"{path}.source", "must be one of env, file, exec, store"));
        }

        if (provider is null || !ProviderAlias().IsMatch(provider))
        {
            issues.Add(new($"{path}.provider", "must match ^[a-z][a-z0-9_-]{0,63}$"));
        }

        var idProblem = (source, id) switch
        {
            (_, null) => "must be a string",
            ("env" or "store", _) when !EnvId().IsMatch(id) => "must match ^[A-Z][A-Z0-9_]{0,127}$",
            ("file", _) when !IsFileRefId(id) => "must be an absolute JSON pointer (or \"value\" for a singleValue file)",
            ("exec", _) when !IsExecRefId(id) => "must match ^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,255}$ without . or .. segments",
            _ => null,
        };
        if (idProblem is not null)
        {
            issues.Add(new($"{path}.id", idProblem));
        }
    }

    private static void ValidateOwnProvider(JsonObject? providers, string alias, List<OpenClawConfigIssue> issues)
    {
        var path = $"secrets.providers.{alias}";
        if (providers is null || !providers.TryGetPropertyValue(alias, out var node))
        {
            issues.Add(new(path, "the host secret file provider is missing"));
            return;
        }

        ValidateJsonFileProvider(path, node, issues);
    }

    /// <summary>A file provider in json mode: source, path and mode, optionally the read limits, nothing else.</summary>
    internal static void ValidateJsonFileProvider(string path, JsonNode? node, List<OpenClawConfigIssue> issues)
    {
        if (node is not JsonObject entry)
        {
            issues.Add(new(path, "must be an object"));
            return;
        }

        foreach (var (name, _) in entry)
        {
            if (!FileProviderKeys.Contains(name, StringComparer.Ordinal))
            {
                issues.Add(new(path, $"unknown key \"{ResourceIds.Printable(name)}\" (a file provider takes only {string.Join(", ", FileProviderKeys)})"));
            }
        }

        if (StringAt(entry, "source") != "file")
        {
            issues.Add(new($"{path}.source", "must be \"file\""));
        }

        if (StringAt(entry, "path") is not { Length: > 0 })
        {
            issues.Add(new($"{path}.path", "must be a non-empty string"));
        }

        if (StringAt(entry, "mode") != "json")
        {
            issues.Add(new($"{path}.mode", "must be \"json\""));
        }

        CheckOptionalLimit(entry, "timeoutMs", MaxTimeoutMs, path, issues);
        CheckOptionalLimit(entry, "maxBytes", MaxProviderBytes, path, issues);
    }

    private static void CheckOptionalLimit(JsonObject entry, string name, long max, string path, List<OpenClawConfigIssue> issues)
    {
        if (entry.TryGetPropertyValue(name, out var value)
            && !(value is JsonValue number && number.TryGetValue<long>(out var limit) && limit is > 0 && limit <= max))
        {
            issues.Add(new($"{path}.{name}", $"must be an integer from 1 to {max}"));
        }
    }

    /// <summary>The object at <paramref name="name"/>, null when absent; an issue when present but not an object.</summary>
    private static JsonObject? ObjectAt(JsonObject parent, string name, string path, List<OpenClawConfigIssue> issues)
    {
        if (!parent.TryGetPropertyValue(name, out var node))
        {
            return null;
        }

        if (node is JsonObject child)
        {
            return child;
        }

        issues.Add(new(path, "must be an object"));
        return null;
    }

    /// <summary>Every segment after the leading '/' uses '~' only as ~0 or ~1.</summary>
    private static bool IsFileRefId(string id) =>
        id == "value" || (id.StartsWith('/') && id[1..].Split('/').All(segment => PointerSegment().IsMatch(segment)));

    private static bool IsExecRefId(string id) =>
        ExecId().IsMatch(id) && !id.Split('/').Any(segment => segment is "." or "..");

    private static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    private static string? StringAt(JsonObject node, string name) =>
        node.TryGetPropertyValue(name, out var value) && Kind(value) == JsonValueKind.String ? value!.GetValue<string>() : null;

    /// <summary>Names from the file go into messages bounded and without control characters.</summary>
    private static string PathSegment(string name) => ResourceIds.Printable(name);

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ProviderAlias();

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,127}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex EnvId();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,255}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ExecId();

    [GeneratedRegex("^(?:[^~]|~0|~1)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PointerSegment();
}
