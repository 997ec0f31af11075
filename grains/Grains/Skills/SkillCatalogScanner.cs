using SkillsOrleans.Contracts.Skills;

namespace SkillsOrleans.Grains.Skills;

/// <summary>
/// Scans <c>&lt;workspace&gt;/skills/*/SKILL.md</c> incrementally: a skill whose SKILL.md (and origin record) kept
/// its size and modification time is not read again. A folder that disappeared drops out; a broken file is kept
/// in the catalog with its error. Not thread-safe: one owner (the RuntimeGrain) calls it.
/// </summary>
public sealed class SkillCatalogScanner(string skillsDirectory)
{
    public const string ManifestFileName = "SKILL.md";
    public const long MaxManifestBytes = 256 * 1024;

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
            foreach (var folder in new DirectoryInfo(SkillsDirectory).EnumerateDirectories())
            {
                if (folder.Name.StartsWith('.'))
                {
                    continue;
                }

                var manifestPath = Path.Combine(folder.FullName, ManifestFileName);
                var manifest = new FileInfo(manifestPath);
                if (!manifest.Exists)
                {
                    continue;
                }

                seen.Add(folder.Name);
                var stamp = new FileStamp(manifest.Length, manifest.LastWriteTimeUtc, SkillOriginReader.Stamp(folder.FullName));
                if (_cache.TryGetValue(folder.Name, out var cached) && cached.Stamp == stamp)
                {
                    continue;
                }

                _cache[folder.Name] = new CachedSkill(stamp, Read(folder.Name, manifest));
                LastParsedCount++;
            }
        }

        foreach (var gone in _cache.Keys.Where(name => !seen.Contains(name)).ToList())
        {
            _cache.Remove(gone);
        }

        return [.. _cache.Values.Select(c => c.Manifest).OrderBy(m => m.SkillKey, StringComparer.Ordinal).ThenBy(m => m.Folder, StringComparer.Ordinal)];
    }

    private static SkillManifest Read(string folder, FileInfo manifest)
    {
        var origin = SkillOriginReader.Read(manifest.DirectoryName!);
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

    private sealed record FileStamp(long Length, DateTime LastWriteUtc, DateTime? OriginWriteUtc);

    private sealed record CachedSkill(FileStamp Stamp, SkillManifest Manifest);
}
