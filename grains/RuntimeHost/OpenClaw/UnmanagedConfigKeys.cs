using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Model.Skills;
using SkillsOrleans.RuntimeHost.Sealing;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// Keys a person put into openclaw.json by hand before this host managed them: a literal <c>apiKey</c> of a skill whose
/// primary env it is, or a literal <c>env</c> value, for a skill the catalog lists and declaring the key. A SecretRef,
/// an env-substitution string (<c>${VAR}</c>, which names another variable rather than holding a key) and what this host
/// already manages are not such keys. Found so that they can be imported into management: the value then moves into
/// the host secret file, and never leaves the host.
/// </summary>
public static class UnmanagedConfigKeys
{
    /// <summary>The names of such keys, for listings; never the values.</summary>
    public static IReadOnlyList<(string SkillKey, string KeyName)> Find(
        string? configText, IReadOnlyList<SkillManifest> catalog, IReadOnlyCollection<ManagedEntry> managed) =>
        [.. Literals(configText, catalog, managed).Select(found => (found.SkillKey, found.KeyName))];

    /// <summary>The value openclaw.json holds for <paramref name="credential"/> as such a key, or null when it holds none.</summary>
    public static OpenedSecret? Read(
        string? configText, CredentialRef credential, IReadOnlyList<SkillManifest> catalog, IReadOnlyCollection<ManagedEntry> managed)
    {
        var found = Literals(configText, catalog, managed)
            .FirstOrDefault(l => l.SkillKey == credential.SkillKey && l.KeyName == credential.KeyName);
        return found.Value is null ? null : new OpenedSecret(Encoding.UTF8.GetBytes(found.Value));
    }

    private static IEnumerable<(string SkillKey, string KeyName, string? Value)> Literals(
        string? configText, IReadOnlyList<SkillManifest> catalog, IReadOnlyCollection<ManagedEntry> managed)
    {
        if (OpenClawConfigJson.Parse(configText)["skills"]?["entries"] is not JsonObject entries)
        {
            yield break;
        }

        var owned = managed.Select(m => (m.Address.SkillKey, m.Address.KeyName)).ToHashSet();
        foreach (var skill in catalog.Where(s => s.ParseError is null && s.CredentialKeys().Count > 0))
        {
            if (entries[skill.SkillKey] is not JsonObject entry)
            {
                continue;
            }

            foreach (var keyName in skill.CredentialKeys().Where(k => !owned.Contains((skill.SkillKey, k))))
            {
                var literal = keyName == skill.PrimaryEnv && Literal(entry["apiKey"]) is { } apiKey
                    ? apiKey
                    : Literal(entry["env"]?[keyName]);
                if (literal is not null)
                {
                    yield return (skill.SkillKey, keyName, literal);
                }
            }
        }
    }

    private static string? Literal(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } text
            && !text.Contains("${", StringComparison.Ordinal)
            ? text
            : null;
}
