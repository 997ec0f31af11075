using System.Text.RegularExpressions;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// The OpenClaw file secret provider that reads the host secret file: registered in openclaw.json as
/// <c>secrets.providers.&lt;Alias&gt; = { source: "file", path: SecretFilePath, mode: "json" }</c> and named by every
/// SecretRef this host writes. The alias follows OpenClaw's provider grammar; the path must be absolute because the
/// gateway may run with another working directory.
/// </summary>
public sealed partial record OpenClawSecretProvider
{
    public const string DefaultAlias = "skillsorleans";

    public OpenClawSecretProvider(string alias, string secretFilePath)
    {
        Alias = AliasPattern().IsMatch(alias ?? "")
            ? alias!
            : throw new ArgumentException($"'{ResourceIds.Printable(alias)}' is not an OpenClaw secret provider alias (^[a-z][a-z0-9_-]{{0,63}}$).", nameof(alias));
        SecretFilePath = !string.IsNullOrEmpty(secretFilePath) && Path.IsPathFullyQualified(secretFilePath) && !secretFilePath.Any(char.IsControl)
            ? secretFilePath
            : throw new ArgumentException($"'{ResourceIds.Printable(secretFilePath)}' is not an absolute path.", nameof(secretFilePath));
    }

    /// <summary>The provider named <see cref="DefaultAlias"/>.</summary>
    public OpenClawSecretProvider(string secretFilePath)
        : this(DefaultAlias, secretFilePath)
    {
    }

    public string Alias { get; }

    public string SecretFilePath { get; }

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex AliasPattern();
}
