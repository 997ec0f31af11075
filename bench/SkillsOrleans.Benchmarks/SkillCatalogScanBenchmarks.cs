using BenchmarkDotNet.Attributes;
using SkillsOrleans.Benchmarks.Workspace;
using SkillsOrleans.Model.Skills;
using SkillsOrleans.RuntimeHost.Skills;

namespace SkillsOrleans.Benchmarks;

/// <summary>
/// <see cref="SkillCatalogScanner"/> over a generated workspace of <see cref="SkillCount"/> skills: a full scan by a
/// new scanner (every SKILL.md read and parsed) and the rescan a warm scanner does after one SKILL.md changed.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class SkillCatalogScanBenchmarks
{
    public const int SkillCount = 1_000;

    private SkillWorkspace _workspace = null!;
    private SkillCatalogScanner _warmScanner = null!;
    private int _edits;

    [GlobalSetup]
    public void CreateWorkspace()
    {
        _workspace = SkillWorkspace.Generate(Directory.CreateTempSubdirectory("skillsorleans-bench-").FullName, SkillCount);
        _warmScanner = new SkillCatalogScanner(_workspace.SkillsDirectory);
        var catalog = _warmScanner.Scan();
        var broken = catalog.Count(skill => skill.ParseError is not null);
        if (catalog.Count != SkillCount || _warmScanner.LastParsedCount != SkillCount || broken != 0)
        {
            throw new InvalidOperationException(
                $"the generated workspace scanned as {catalog.Count} skills ({broken} broken), not {SkillCount} clean ones");
        }
    }

    [GlobalCleanup]
    public void DeleteWorkspace() => Directory.Delete(_workspace.Root, recursive: true);

    [Benchmark]
    public IReadOnlyList<SkillManifest> FullScan_1000()
    {
        var scanner = new SkillCatalogScanner(_workspace.SkillsDirectory);
        var catalog = scanner.Scan();
        return scanner.LastParsedCount == SkillCount ? catalog : throw Unexpected(scanner.LastParsedCount, SkillCount);
    }

    /// <summary>
    /// Catches the warm scanner up first (so an edit made before an iteration that never scanned is not counted
    /// twice), then changes one skill: a different one each time, content and modification time.
    /// </summary>
    [IterationSetup(Target = nameof(OneChangeRescan_1000))]
    public void EditOneSkill()
    {
        _warmScanner.Scan();
        _edits++;
        _workspace.Edit(_workspace.Skills[_edits * 37 % SkillCount], revision: _edits);
    }

    [Benchmark]
    public IReadOnlyList<SkillManifest> OneChangeRescan_1000()
    {
        var catalog = _warmScanner.Scan();
        return _warmScanner.LastParsedCount == 1 ? catalog : throw Unexpected(_warmScanner.LastParsedCount, 1);
    }

    private static InvalidOperationException Unexpected(int parsed, int expected) =>
        new($"the scan parsed {parsed} SKILL.md files, expected {expected}");
}
