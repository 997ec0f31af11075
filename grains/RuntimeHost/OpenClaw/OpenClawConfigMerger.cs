using System.Text.Json.Nodes;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// Brings openclaw.json in step with the credentials active on this host, touching only what this host owns:
/// its provider entry <c>secrets.providers.&lt;alias&gt;</c>, and within <c>skills.entries.&lt;skill&gt;</c> the
/// <c>apiKey</c> of a primary env (a file SecretRef to that provider) and the <c>env</c> keys it wrote. Every other
/// part of the document (other providers, other skills, <c>enabled</c> and <c>config</c> in the same entry, other
/// sections) is kept as it was. The result is checked with <see cref="OpenClawConfigValidator"/> and refused when
/// the gateway would not accept it.
/// </summary>
public static class OpenClawConfigMerger
{
    private const string IncludeDirective = "$include";

    /// <summary>Merges into <paramref name="existingText"/> (null or blank: an empty config).</summary>
    /// <param name="previouslyManaged">What the last merge returned as managed; keys in it that are no longer desired are removed.</param>
    /// <exception cref="OpenClawConfigRejectedException">The text cannot be read faithfully, is composed with <c>$include</c> where this host edits, or the result would not validate.</exception>
    /// <exception cref="ArgumentException">Two desired credentials claim the same key, or one skill two primary envs.</exception>
    public static OpenClawConfigMergeResult Merge(
        string? existingText,
        OpenClawSecretProvider provider,
        IReadOnlyCollection<DesiredCredential> desired,
        IReadOnlyCollection<ManagedEntry> previouslyManaged)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(previouslyManaged);
        var wanted = SortedAndChecked(desired);

        var root = OpenClawConfigJson.Parse(existingText);
        var before = root.DeepClone();
        RefuseIncludes(root);

        EnsureProvider(root, provider);
        RemoveUnwanted(root, provider.Alias, wanted, previouslyManaged);
        foreach (var credential in wanted)
        {
            Apply(root, provider.Alias, credential);
        }

        var issues = OpenClawConfigValidator.Validate(root, provider);
        if (issues.Count > 0)
        {
            throw new OpenClawConfigRejectedException(OpenClawConfigRejection.Invalid, "the merged config would not pass OpenClaw's validation", issues);
        }

        return new OpenClawConfigMergeResult(
            OpenClawConfigJson.Serialize(root),
            [.. wanted.Select(c => c.Entry)],
            existingText is null || !JsonNode.DeepEquals(before, root));
    }

    /// <summary>Sorted so that what is added always lands in the same order; one owner per key and one primary env per skill.</summary>
    private static List<DesiredCredential> SortedAndChecked(IReadOnlyCollection<DesiredCredential> desired)
    {
        var sorted = desired
            .OrderBy(c => c.Address.SkillKey, StringComparer.Ordinal)
            .ThenBy(c => c.Address.KeyName, StringComparer.Ordinal)
            .ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Address.SkillKey == sorted[i - 1].Address.SkillKey && sorted[i].Address.KeyName == sorted[i - 1].Address.KeyName)
            {
                throw new ArgumentException($"Key {sorted[i].Address.SkillKey}/{sorted[i].Address.KeyName} is desired more than once.", nameof(desired));
            }
        }

        var twoPrimaries = sorted.Where(c => c.IsPrimaryEnv).GroupBy(c => c.Address.SkillKey).FirstOrDefault(g => g.Count() > 1);
        return twoPrimaries is null
            ? sorted
            : throw new ArgumentException($"Skill {twoPrimaries.Key} has more than one primary env desired.", nameof(desired));
    }

    /// <summary>
    /// OpenClaw builds an object that authors <c>$include</c> from other files and lays its siblings over them; a
    /// rewrite of this file would edit a view it cannot see whole, so such a file is left for the operator.
    /// </summary>
    private static void RefuseIncludes(JsonObject root)
    {
        string[][] edited = [[], ["skills"], ["skills", "entries"], ["secrets"], ["secrets", "providers"]];
        foreach (var path in edited)
        {
            if (Descend(root, path) is JsonObject node && node.ContainsKey(IncludeDirective))
            {
                var where = path.Length == 0 ? "the top level" : string.Join('.', path);
                throw new OpenClawConfigRejectedException(
                    OpenClawConfigRejection.Unsupported,
                    $"{where} is composed with $include; move skills.entries and secrets.providers into openclaw.json itself");
            }
        }
    }

    /// <summary>
    /// Writes this host's provider entry unless the existing one already points at the secret file in json mode and
    /// is valid; read limits an operator added to it (<c>timeoutMs</c>, <c>maxBytes</c>) are then kept.
    /// </summary>
    private static void EnsureProvider(JsonObject root, OpenClawSecretProvider provider)
    {
        var providers = ObjectFor(ObjectFor(root, "secrets", "secrets"), "providers", "secrets.providers");
        var path = EnvSubstitutionEscaper.Escape(provider.SecretFilePath);
        if (providers[provider.Alias] is JsonObject existing && JsonNode.DeepEquals(existing["path"], path))
        {
            var issues = new List<OpenClawConfigIssue>();
            OpenClawConfigValidator.ValidateJsonFileProvider(provider.Alias, existing, issues);
            if (issues.Count == 0)
            {
                return;
            }
        }

        providers[provider.Alias] = new JsonObject
        {
            ["source"] = "file",
            ["path"] = path,
            ["mode"] = "json",
        };
    }

    /// <summary>
    /// Removes what this host wrote and no longer wants: previously managed env keys, and any <c>apiKey</c> that is a
    /// SecretRef to this host's provider (managed or not, since no one else names that provider) on a skill that has
    /// no primary env desired. An <c>apiKey</c> that is not such a ref was set by someone else and stays.
    /// </summary>
    private static void RemoveUnwanted(JsonObject root, string alias, List<DesiredCredential> wanted, IReadOnlyCollection<ManagedEntry> previouslyManaged)
    {
        if (Descend(root, ["skills", "entries"]) is not JsonObject entries)
        {
            return;
        }

        var wantedEnv = wanted.Where(c => !c.IsPrimaryEnv).Select(c => (c.Address.SkillKey, c.Address.KeyName)).ToHashSet();
        var skillsWithPrimary = wanted.Where(c => c.IsPrimaryEnv).Select(c => c.Address.SkillKey).ToHashSet(StringComparer.Ordinal);
        var touched = new HashSet<string>(StringComparer.Ordinal);

        foreach (var managed in previouslyManaged.Where(m => !m.IsPrimaryEnv && !wantedEnv.Contains((m.Address.SkillKey, m.Address.KeyName))))
        {
            if (entries[managed.Address.SkillKey] is JsonObject entry && entry["env"] is JsonObject env && env.Remove(managed.Address.KeyName))
            {
                touched.Add(managed.Address.SkillKey);
            }
        }

        foreach (var (skillKey, node) in entries.ToList())
        {
            if (!skillsWithPrimary.Contains(skillKey) && node is JsonObject entry && FileSecretRef.IsFrom(entry["apiKey"], alias))
            {
                entry.Remove("apiKey");
                touched.Add(skillKey);
            }
        }

        Prune(root, entries, touched);
    }

    /// <summary>An env left empty goes, then an entry left empty, then entries and skills if nothing is left in them.</summary>
    private static void Prune(JsonObject root, JsonObject entries, HashSet<string> touched)
    {
        if (touched.Count == 0)
        {
            return;
        }

        foreach (var skillKey in touched)
        {
            var entry = entries[skillKey]!.AsObject();
            if (entry["env"] is JsonObject { Count: 0 })
            {
                entry.Remove("env");
            }

            if (entry.Count == 0)
            {
                entries.Remove(skillKey);
            }
        }

        var skills = root["skills"]!.AsObject();
        if (entries.Count == 0)
        {
            skills.Remove("entries");
        }

        if (skills.Count == 0)
        {
            root.Remove("skills");
        }
    }

    private static void Apply(JsonObject root, string alias, DesiredCredential credential)
    {
        var entries = ObjectFor(ObjectFor(root, "skills", "skills"), "entries", "skills.entries");
        var entry = ObjectFor(entries, credential.Address.SkillKey, $"skills.entries.{credential.Address.SkillKey}");
        if (credential.IsPrimaryEnv)
        {
            entry["apiKey"] = FileSecretRef.Create(alias, credential.Address.Account, credential.Address.SkillKey, credential.Address.KeyName);
        }
        else
        {
            var env = ObjectFor(entry, "env", $"skills.entries.{credential.Address.SkillKey}.env");
            env[credential.Address.KeyName] = EnvSubstitutionEscaper.Escape(credential.EnvValue!);
        }
    }

    /// <summary>The object at <paramref name="name"/>, created (at the end) when absent; refused when something else is there.</summary>
    private static JsonObject ObjectFor(JsonObject parent, string name, string path)
    {
        if (!parent.TryGetPropertyValue(name, out var node))
        {
            var created = new JsonObject();
            parent[name] = created;
            return created;
        }

        return node as JsonObject
            ?? throw new OpenClawConfigRejectedException(
                OpenClawConfigRejection.Invalid,
                "the merged config would not pass OpenClaw's validation",
                [new OpenClawConfigIssue(ResourceIds.Printable(path), "must be an object")]);
    }

    private static JsonNode? Descend(JsonObject root, string[] path)
    {
        JsonNode? node = root;
        foreach (var name in path)
        {
            node = node is JsonObject parent && parent.TryGetPropertyValue(name, out var child) ? child : null;
        }

        return node;
    }
}
