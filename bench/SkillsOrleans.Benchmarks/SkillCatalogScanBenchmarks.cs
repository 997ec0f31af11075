using BenchmarkDotNet.Attributes;
using SkillsOrleans.Benchmarks.Workspace;
using SkillsOrleans.Model.Skills;
using SkillsOrleans.RuntimeHost.Skills;
using SkillsOrleans.RuntimeHost.Workspace;

namespace SkillsOrleans.Benchmarks;

/// <summary>
/// <see cref="SkillCatalogScanner"/> over a generated workspace of <see cref="Skills"/> skills: a whole scan by a new
/// scanner (every SKILL.md read and parsed); after one SKILL.md changed, the whole-tree walk a warm scanner does
/// without events and the narrow rescan it does when the events name the path; and an edit timed until the
/// catalog shows it, through the kernel's own events (<see cref="WorkspaceChangeMonitor"/>) and a narrow rescan.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class SkillCatalogScanBenchmarks : IDisposable
{
    public const int SkillCount = 1_000;

    /// <summary>High enough that no scan of the generated workspaces stops at the folder budget.</summary>
    private const int FolderBudget = 100_000;

    private SkillWorkspace _workspace = null!;
    private SkillCatalogScanner _warmScanner = null!;
    private WorkspaceChangeMonitor _monitor = null!;
    private SyntheticSkill _edited = null!;
    private int _edits;

    [Params(1_000, 10_000)]
    public int Skills { get; set; }

    [GlobalSetup]
    public void CreateWorkspace()
    {
        _workspace = SkillWorkspace.Generate(Directory.CreateTempSubdirectory("skillsorleans-bench-").FullName, Skills);
        _warmScanner = new SkillCatalogScanner(_workspace.SkillsDirectory, FolderBudget);
        var catalog = _warmScanner.Scan();
        var broken = catalog.Count(skill => skill.ParseError is not null);
        if (catalog.Count != Skills || _warmScanner.LastParsedCount != Skills || broken != 0)
        {
            throw new InvalidOperationException(
                $"the generated workspace scanned as {catalog.Count} skills ({broken} broken), not {Skills} clean ones");
        }

        _monitor = new WorkspaceChangeMonitor(_workspace.SkillsDirectory, Path.Combine(_workspace.Root, "requests"));
        _monitor.TakeSkillChanges();
    }

    [GlobalCleanup]
    public void DeleteWorkspace()
    {
        Dispose();
        Directory.Delete(_workspace.Root, recursive: true);
    }

    public void Dispose()
    {
        _monitor?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public IReadOnlyList<SkillManifest> WholeScan()
    {
        var scanner = new SkillCatalogScanner(_workspace.SkillsDirectory, FolderBudget);
        var catalog = scanner.Scan();
        return scanner.LastParsedCount == Skills ? catalog : throw Unexpected(scanner.LastParsedCount, Skills);
    }

    /// <summary>
    /// Catches the warm scanner up first (so an edit made before an iteration that never scanned is not counted
    /// twice), then changes one skill: a different one each time, content and modification time.
    /// </summary>
    [IterationSetup(Targets = [nameof(OneChangeWalk), nameof(OneChangeNarrow)])]
    public void EditOneSkill()
    {
        _warmScanner.Scan();
        _edited = NextSkill();
        _workspace.Edit(_edited, revision: _edits);
    }

    /// <summary>What a change costs without events: every folder looked at, the changed SKILL.md parsed.</summary>
    [Benchmark]
    public IReadOnlyList<SkillManifest> OneChangeWalk()
    {
        var catalog = _warmScanner.Scan();
        return Checked(catalog, parsed: 1, whole: true);
    }

    /// <summary>What a change costs when the watcher names it: the changed skill's folder only.</summary>
    [Benchmark]
    public IReadOnlyList<SkillManifest> OneChangeNarrow()
    {
        var catalog = _warmScanner.Rescan(new SkillTreeChanges(false, [SkillWorkspace.RelativeManifestPathOf(_edited)]));
        return Checked(catalog, parsed: 1, whole: false);
    }

    [IterationSetup(Target = nameof(EditToCatalog))]
    public void CatchUp()
    {
        _warmScanner.Scan();
        _monitor.TakeSkillChanges();
    }

    /// <summary>From rewriting a SKILL.md to the catalog holding it: the kernel's event, the monitor, a narrow rescan.</summary>
    [Benchmark]
    public IReadOnlyList<SkillManifest> EditToCatalog()
    {
        _edited = NextSkill();
        _workspace.Edit(_edited, revision: _edits);
        var expected = SkillWorkspace.RelativeManifestPathOf(_edited);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var changes = new HashSet<string>(StringComparer.Ordinal);
        while (!changes.Contains(expected))
        {
            var taken = _monitor.TakeSkillChanges();
            if (taken.Everything || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the watcher did not name {expected} alone (everything: {taken.Everything})");
            }

            changes.UnionWith(taken.Paths);
            Thread.SpinWait(64);
        }

        var catalog = _warmScanner.Rescan(new SkillTreeChanges(false, changes));
        return Checked(catalog, parsed: 1, whole: false);
    }

    private SyntheticSkill NextSkill()
    {
        _edits++;
        return _workspace.Skills[_edits * 37 % Skills];
    }

    private IReadOnlyList<SkillManifest> Checked(IReadOnlyList<SkillManifest> catalog, int parsed, bool whole)
    {
        if (_warmScanner.LastParsedCount != parsed)
        {
            throw Unexpected(_warmScanner.LastParsedCount, parsed);
        }

        if (_warmScanner.LastScanWasWhole != whole || catalog.Count != Skills)
        {
            throw new InvalidOperationException(
                $"the scan listed {catalog.Count} skills (expected {Skills}) and {(_warmScanner.LastScanWasWhole ? "walked" : "did not walk")} the whole tree");
        }

        return catalog;
    }

    private static InvalidOperationException Unexpected(int parsed, int expected) =>
        new($"the scan parsed {parsed} SKILL.md files, expected {expected}");
}
