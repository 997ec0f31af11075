using SkillsOrleans.Model.Skills;

namespace SkillsOrleans.Contracts.Skills;

/// <summary>
/// What changed in a runtime's skill catalog since the catalog the receiver holds: skills installed or edited
/// (whole manifests) and folders removed. <see cref="ReplacesAll"/> says the sender does not know what the receiver
/// holds (its first publish after it started): the receiver then keeps exactly <see cref="Changed"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.skill-catalog-change")]
public sealed record SkillCatalogChange(
    [property: Id(0)] DateTimeOffset ScannedAt,
    [property: Id(1)] bool ReplacesAll,
    [property: Id(2)] IReadOnlyList<SkillManifest> Changed,
    [property: Id(3)] IReadOnlyList<string> RemovedFolders)
{
    public bool IsEmpty => !ReplacesAll && Changed.Count == 0 && RemovedFolders.Count == 0;

    /// <summary>The change from <paramref name="previous"/> (null: unknown, so everything) to <paramref name="current"/>.</summary>
    public static SkillCatalogChange Between(IReadOnlyList<SkillManifest>? previous, IReadOnlyList<SkillManifest> current, DateTimeOffset scannedAt)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (previous is null)
        {
            return new(scannedAt, ReplacesAll: true, current, []);
        }

        var before = previous.ToDictionary(skill => skill.Folder, StringComparer.Ordinal);
        var now = current.Select(skill => skill.Folder).ToHashSet(StringComparer.Ordinal);
        return new(
            scannedAt,
            ReplacesAll: false,
            [.. current.Where(skill => !before.TryGetValue(skill.Folder, out var old) || !SameManifest(old, skill))],
            [.. before.Keys.Where(folder => !now.Contains(folder)).Order(StringComparer.Ordinal)]);
    }

    /// <summary>Records compare lists by reference; manifests are equal when every field and list item is.</summary>
    public static bool SameManifest(SkillManifest a, SkillManifest b) =>
        a == b
        || (a with { Requires = SkillRequirements.None, Os = [] } == b with { Requires = SkillRequirements.None, Os = [] }
            && a.Requires.Env.SequenceEqual(b.Requires.Env)
            && a.Requires.Bins.SequenceEqual(b.Requires.Bins)
            && a.Requires.AnyBins.SequenceEqual(b.Requires.AnyBins)
            && a.Requires.Config.SequenceEqual(b.Requires.Config)
            && a.Os.SequenceEqual(b.Os));
}
