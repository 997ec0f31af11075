using System.Text;
using SkillsOrleans.Model.Skills;
using SkillsOrleans.RuntimeHost.Secrets;
using SkillsOrleans.RuntimeHost.Workspace;

namespace SkillsOrleans.RuntimeHost.Skills;

/// <summary>
/// Finds skills under <c>&lt;workspace&gt;/skills</c> the way OpenClaw discovers them: a folder holding a file named
/// exactly <c>SKILL.md</c>, up to <see cref="MaxDepth"/> levels below the root, not descending further once one is
/// found, skipping hidden folders and <c>node_modules</c>. A symlinked folder counts only if it resolves inside the
/// root. SKILL.md and origin records are read through <see cref="WorkspaceFileReader"/>: never through a link at the
/// file itself, never a FIFO, socket, device or hard-linked file, never a file that turns out to lie outside the root.
/// One scan looks into at most <see cref="MaxFoldersPerScan"/> folders; past that it stops (<see cref="LastScanCapped"/>)
/// and lists what it reached, so a flood of folders costs a bounded scan and a bounded catalog. Which folders it
/// reaches first is the file system's listing order, stable while a directory is unchanged.
/// The scan is incremental: a skill whose SKILL.md (and origin record) kept its size and modification time is
/// not read again; a folder that disappeared drops out; a broken file is kept with its error. <see cref="Rescan"/>
/// goes further when file-system events name what changed: it looks only into the skills those paths touch.
/// Not thread-safe: one owner (the RuntimeGrain) calls it.
/// </summary>
public sealed class SkillCatalogScanner(string skillsDirectory, int maxFoldersPerScan = SkillCatalogScanner.DefaultMaxFoldersPerScan)
{
    public const string ManifestFileName = "SKILL.md";
    public const long MaxManifestBytes = 256_000;
    public const int MaxDepth = 6;
    public const int DefaultMaxFoldersPerScan = 2000;

    private readonly Dictionary<string, CachedSkill> _cache = new(StringComparer.Ordinal);
    private int _foldersLeft;
    private bool _scannedWhole;
    private bool _wholeScanCapped;

    public string SkillsDirectory { get; } = Path.GetFullPath(skillsDirectory);

    /// <summary>How many folders one scan looks into at most (skill folders and the folders that group them).</summary>
    public int MaxFoldersPerScan { get; } = maxFoldersPerScan > 0
        ? maxFoldersPerScan
        : throw new ArgumentOutOfRangeException(nameof(maxFoldersPerScan), "a scan must look into at least one folder");

    /// <summary>How many SKILL.md files the last scan actually read and parsed.</summary>
    public int LastParsedCount { get; private set; }

    /// <summary>Whether the last scan stopped at <see cref="MaxFoldersPerScan"/> before it had looked everywhere.</summary>
    public bool LastScanCapped { get; private set; }

    /// <summary>How many folders the last scan looked into: the whole tree for <see cref="Scan"/>, a few for a narrow <see cref="Rescan"/>.</summary>
    public int LastFoldersVisited { get; private set; }

    /// <summary>Whether the last call walked the whole tree (a <see cref="Scan"/>, or a <see cref="Rescan"/> that had to).</summary>
    public bool LastScanWasWhole { get; private set; }

    /// <summary>Walks the whole tree.</summary>
    public IReadOnlyList<SkillManifest> Scan()
    {
        Begin(whole: true);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var realRoot = WorkspaceFileReader.RealPath(SkillsDirectory);
        if (realRoot is not null && Directory.Exists(SkillsDirectory))
        {
            foreach (var child in SkillFolders(new DirectoryInfo(SkillsDirectory)))
            {
                if (!Visit(child, realRoot, depth: 1, seen))
                {
                    break;
                }
            }
        }

        foreach (var gone in _cache.Keys.Where(name => !seen.Contains(name)).ToList())
        {
            _cache.Remove(gone);
        }

        _scannedWhole = true;
        _wholeScanCapped = LastScanCapped;
        return Catalog();
    }

    /// <summary>
    /// Looks only where <paramref name="changes"/> point: for each path, the known skill folder holding it, or else
    /// the folder it names (a new or regrouped folder), or else nothing but forgetting what was listed under it (it is
    /// gone). Walks the whole tree instead when the changes say "everything", when no whole scan has run yet, when the
    /// last whole scan was capped (which folders a capped scan reaches depends on the whole listing), or when a narrow
    /// look would pass the folder budget.
    /// </summary>
    public IReadOnlyList<SkillManifest> Rescan(SkillTreeChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var realRoot = WorkspaceFileReader.RealPath(SkillsDirectory);
        if (changes.Everything || !_scannedWhole || _wholeScanCapped || realRoot is null)
        {
            return Scan();
        }

        Begin(whole: false);
        _foldersLeft = Math.Max(0, MaxFoldersPerScan - _cache.Count);
        foreach (var target in Targets(changes.Paths))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var folder = new DirectoryInfo(Path.Combine(SkillsDirectory, target));
            if (folder.Exists && !Visit(folder, realRoot, target.Count(c => c == '/') + 1, seen))
            {
                return Scan();
            }

            foreach (var gone in _cache.Keys.Where(name => IsAtOrUnder(name, target) && !seen.Contains(name)).ToList())
            {
                _cache.Remove(gone);
            }
        }

        return Catalog();
    }

    private void Begin(bool whole)
    {
        LastParsedCount = 0;
        LastFoldersVisited = 0;
        LastScanCapped = false;
        LastScanWasWhole = whole;
        _foldersLeft = MaxFoldersPerScan;
    }

    private List<SkillManifest> Catalog() =>
        [.. _cache.Values.Select(c => c.Manifest).OrderBy(m => m.SkillKey, StringComparer.Ordinal).ThenBy(m => m.Folder, StringComparer.Ordinal)];

    /// <summary>The folders to look into again for these changed paths, none inside another.</summary>
    private List<string> Targets(IEnumerable<string> paths)
    {
        var targets = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (Target(path) is { } target)
            {
                targets.Add(target);
            }
        }

        var chosen = new List<string>();
        foreach (var target in targets)
        {
            if (!chosen.Exists(outer => IsAtOrUnder(target, outer)))
            {
                chosen.Add(target);
            }
        }

        return chosen;
    }

    private string? Target(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i <= parts.Length; i++)
        {
            if (i > MaxDepth || parts[i - 1] is "." or ".." || !IsSkillFolderName(parts[i - 1]))
            {
                return null;
            }

            // A change anywhere inside a known skill (its SKILL.md, its origin record, a nested folder) is that skill's.
            var prefix = string.Join('/', parts, 0, i);
            if (_cache.ContainsKey(prefix))
            {
                return prefix;
            }
        }

        var full = Path.Combine(SkillsDirectory, string.Join('/', parts));
        if (Directory.Exists(full))
        {
            return string.Join('/', parts);
        }

        // A file outside any known skill: its folder may have just become one. A file at the root is no skill; a path
        // that no longer exists is still looked at, so whatever was listed under it is forgotten.
        return File.Exists(full)
            ? parts.Length > 1 ? string.Join('/', parts, 0, parts.Length - 1) : null
            : string.Join('/', parts);
    }

    private static bool IsAtOrUnder(string name, string folder) =>
        name.Length == folder.Length
            ? string.Equals(name, folder, StringComparison.Ordinal)
            : name.StartsWith(folder, StringComparison.Ordinal) && name[folder.Length] == '/';

    private static bool IsSkillFolderName(string name) => !name.StartsWith('.') && name != "node_modules";

    /// <returns>False once the folder budget is spent: the scan stops.</returns>
    private bool Visit(DirectoryInfo folder, string realRoot, int depth, HashSet<string> seen)
    {
        if (_foldersLeft-- <= 0)
        {
            LastScanCapped = true;
            return false;
        }

        LastFoldersVisited++;

        var relative = Path.GetRelativePath(SkillsDirectory, folder.FullName).Replace(Path.DirectorySeparatorChar, '/');
        if (folder.LinkTarget is not null && !WorkspaceFileReader.IsInside(WorkspaceFileReader.RealPath(folder.FullName), realRoot))
        {
            Remember(relative, new FileStamp(-1, DateTimeOffset.MinValue, null), seen,
                () => SkillManifestParser.Broken(relative, "the folder is a symlink that leads outside the skills directory"));
            return true;
        }

        var manifest = Path.Combine(folder.FullName, ManifestFileName);
        if (UnixFileFacts.TryInspect(manifest, out var facts) && facts.Kind != UnixFileKind.Directory)
        {
            var stamp = new FileStamp((long)facts.Identity.Size, facts.Identity.ModifiedAt, SkillOriginReader.Stamp(folder.FullName));
            Remember(relative, stamp, seen, () => Read(relative, manifest, realRoot));
            return true;
        }

        if (depth < MaxDepth)
        {
            foreach (var child in SkillFolders(folder))
            {
                if (!Visit(child, realRoot, depth + 1, seen))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private void Remember(string folder, FileStamp stamp, HashSet<string> seen, Func<SkillManifest> read)
    {
        seen.Add(folder);
        if (_cache.TryGetValue(folder, out var cached) && cached.Stamp == stamp)
        {
            return;
        }

        _cache[folder] = new CachedSkill(stamp, read());
        LastParsedCount++;
    }

    private static IEnumerable<DirectoryInfo> SkillFolders(DirectoryInfo parent) =>
        parent.EnumerateDirectories().Where(d => IsSkillFolderName(d.Name));

    private static SkillManifest Read(string folder, string manifest, string realRoot)
    {
        var origin = SkillOriginReader.Read(Path.GetDirectoryName(manifest)!, realRoot);
        try
        {
            var read = WorkspaceFileReader.Read(manifest, MaxManifestBytes, realRoot);
            return read.Content is { } content
                ? SkillManifestParser.Parse(folder, Encoding.UTF8.GetString(content), origin)
                : SkillManifestParser.Broken(folder, NotRead(read), origin);
        }
        catch (IOException error)
        {
            return SkillManifestParser.Broken(folder, $"{ManifestFileName} could not be read: {error.GetType().Name}", origin);
        }
        catch (UnauthorizedAccessException)
        {
            return SkillManifestParser.Broken(folder, $"{ManifestFileName} is not readable", origin);
        }
    }

    private static string NotRead(WorkspaceFileRead read) => read.Refusal switch
    {
        WorkspaceFileRefusal.TooLarge => $"{ManifestFileName} is larger than {MaxManifestBytes} bytes",
        null => $"{ManifestFileName} disappeared while it was read",
        _ => $"{ManifestFileName} was not read: {read.Problem}",
    };

    private sealed record FileStamp(long Length, DateTimeOffset LastWriteUtc, DateTime? OriginWriteUtc);

    private sealed record CachedSkill(FileStamp Stamp, SkillManifest Manifest);
}
