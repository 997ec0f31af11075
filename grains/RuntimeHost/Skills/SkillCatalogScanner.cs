using SkillsOrleans.Model.Skills;

namespace SkillsOrleans.RuntimeHost.Skills;

/// <summary>
/// Finds skills under <c>&lt;workspace&gt;/skills</c> the way OpenClaw discovers them: a folder holding a file named
/// exactly <c>SKILL.md</c>, up to <see cref="MaxDepth"/> levels below the root, not descending further once one is
/// found, skipping hidden folders and <c>node_modules</c>. A symlinked folder counts only if it resolves inside the
/// root. The scan is incremental: a skill whose SKILL.md (and origin record) kept its size and modification time is
/// not read again; a folder that disappeared drops out; a broken file is kept with its error.
/// Not thread-safe: one owner (the RuntimeGrain) calls it.
/// </summary>
public sealed class SkillCatalogScanner(string skillsDirectory)
{
    public const string ManifestFileName = "SKILL.md";
    public const long MaxManifestBytes = 256_000;
    public const int MaxDepth = 6;

    private readonly Dictionary<string, CachedSkill> _cache = new(StringComparer.Ordinal);

    public string SkillsDirectory { get; } = Path.GetFullPath(skillsDirectory);

    /// <summary>How many SKILL.md files the last scan actually read and parsed.</summary>
    public int LastParsedCount { get; private set; }

    public IReadOnlyList<SkillManifest> Scan()
    {
        LastParsedCount = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (Directory.Exists(SkillsDirectory))
        {
            var root = new DirectoryInfo(SkillsDirectory);
            var realRoot = RealPath(root) ?? root.FullName;
            foreach (var child in SkillFolders(root))
            {
                Visit(child, realRoot, depth: 1, seen);
            }
        }

        foreach (var gone in _cache.Keys.Where(name => !seen.Contains(name)).ToList())
        {
            _cache.Remove(gone);
        }

        return [.. _cache.Values.Select(c => c.Manifest).OrderBy(m => m.SkillKey, StringComparer.Ordinal).ThenBy(m => m.Folder, StringComparer.Ordinal)];
    }

    private void Visit(DirectoryInfo folder, string realRoot, int depth, HashSet<string> seen)
    {
        var relative = Path.GetRelativePath(SkillsDirectory, folder.FullName).Replace(Path.DirectorySeparatorChar, '/');
        if (folder.LinkTarget is not null && !IsInside(RealPath(folder), realRoot))
        {
            Remember(relative, new FileStamp(-1, DateTime.MinValue, null), seen,
                () => SkillManifestParser.Broken(relative, "the folder is a symlink that leads outside the skills directory"));
            return;
        }

        var manifest = new FileInfo(Path.Combine(folder.FullName, ManifestFileName));
        if (manifest.Exists)
        {
            var stamp = new FileStamp(manifest.Length, manifest.LastWriteTimeUtc, SkillOriginReader.Stamp(folder.FullName));
            Remember(relative, stamp, seen, () => Read(relative, manifest));
            return;
        }

        if (depth < MaxDepth)
        {
            foreach (var child in SkillFolders(folder))
            {
                Visit(child, realRoot, depth + 1, seen);
            }
        }
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
        parent.EnumerateDirectories().Where(d => !d.Name.StartsWith('.') && d.Name != "node_modules");

    private static SkillManifest Read(string folder, FileInfo manifest)
    {
        var origin = SkillOriginReader.Read(manifest.DirectoryName!);
        if (manifest.LinkTarget is not null && !IsInside(RealPath(manifest), RealPath(manifest.Directory!)))
        {
            return SkillManifestParser.Broken(folder, $"{ManifestFileName} is a symlink that leads outside its skill folder", origin);
        }

        if (manifest.Length > MaxManifestBytes)
        {
            return SkillManifestParser.Broken(folder, $"{ManifestFileName} is larger than {MaxManifestBytes} bytes", origin);
        }

        try
        {
            return SkillManifestParser.Parse(folder, File.ReadAllText(manifest.FullName), origin);
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

    private static string? RealPath(FileSystemInfo entry)
    {
        try
        {
            return entry.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? entry.FullName;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsInside(string? path, string? root) =>
        path is not null && root is not null
        && (path == root || path.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal));

    private sealed record FileStamp(long Length, DateTime LastWriteUtc, DateTime? OriginWriteUtc);

    private sealed record CachedSkill(FileStamp Stamp, SkillManifest Manifest);
}
