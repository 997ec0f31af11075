using SkillsOrleans.Model.Skills;

namespace SkillsOrleans.RuntimeHost.Skills;

/// <summary>
/// The runtime's catalog as OpenClaw sees it: the workspace's own skills (scanned by the workspace loop, with its
/// file-system events) over the skills of the other places OpenClaw loads from (<see cref="SkillRoot"/>s, rescanned on
/// each full pass). Precedence is OpenClaw's: a readable skill in a higher place hides every readable skill of the same
/// name in lower places, which OpenClaw does not load either; within one place nothing is hidden. Broken skills are
/// always listed (OpenClaw reports and skips them, so they hide nothing). Not thread-safe: the workspace loop owns it.
/// </summary>
public sealed class LayeredSkillCatalog(IReadOnlyList<SkillRoot> lowerRootsByPrecedence, int maxFoldersPerScan)
{
    private readonly (SkillRoot Root, SkillCatalogScanner Scanner)[] _lower =
        [.. lowerRootsByPrecedence.Select(root => (root, new SkillCatalogScanner(root.Directory, maxFoldersPerScan)))];

    private IReadOnlyList<SkillManifest>[] _lowerSkills = [.. lowerRootsByPrecedence.Select(_ => (IReadOnlyList<SkillManifest>)[])];

    public IReadOnlyList<SkillRoot> LowerRoots => [.. _lower.Select(l => l.Root)];

    /// <summary>Whether the last <see cref="ScanLowerRoots"/> stopped at the folder budget in one of the places.</summary>
    public bool LastScanCapped { get; private set; }

    /// <summary>
    /// Rescans each lower place (a missing directory lists nothing). Incremental: an unchanged SKILL.md is not read again.
    /// </summary>
    public void ScanLowerRoots()
    {
        LastScanCapped = false;
        for (var i = 0; i < _lower.Length; i++)
        {
            var (root, scanner) = _lower[i];
            _lowerSkills[i] = [.. scanner.Scan().Select(skill => skill with { Folder = root.FolderPrefix + skill.Folder, Source = root.Source })];
            LastScanCapped |= scanner.LastScanCapped;
        }
    }

    /// <summary>
    /// The catalog: <paramref name="workspaceSkills"/> and what the lower places add, ordered as a scan orders it. The
    /// places of other agents' workspaces (<paramref name="agentPlaces"/>, highest first) come after the main
    /// workspace's own places and before the places every agent shares (managed, bundled).
    /// </summary>
    public IReadOnlyList<SkillManifest> Combine(
        IReadOnlyList<SkillManifest> workspaceSkills, IEnumerable<IReadOnlyList<SkillManifest>>? agentPlaces = null)
    {
        var combined = new List<SkillManifest>(workspaceSkills);
        var loaded = new HashSet<string>(workspaceSkills.Where(s => s.ParseError is null).Select(s => s.SkillKey), StringComparer.Ordinal);
        var ownPlaces = _lower.Select((l, i) => (l.Root, Skills: _lowerSkills[i])).ToList();
        var places = ownPlaces.Where(p => p.Root.Source == SkillSources.ProjectAgents).Select(p => p.Skills)
            .Concat(agentPlaces ?? [])
            .Concat(ownPlaces.Where(p => p.Root.Source != SkillSources.ProjectAgents).Select(p => p.Skills));
        foreach (var place in places)
        {
            var visible = place.Where(skill => skill.ParseError is not null || !loaded.Contains(skill.SkillKey)).ToList();
            combined.AddRange(visible);
            loaded.UnionWith(visible.Where(s => s.ParseError is null).Select(s => s.SkillKey));
        }

        return [.. combined.OrderBy(m => m.SkillKey, StringComparer.Ordinal).ThenBy(m => m.Folder, StringComparer.Ordinal)];
    }
}
