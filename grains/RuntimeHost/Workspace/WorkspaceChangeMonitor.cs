namespace SkillsOrleans.RuntimeHost.Workspace;

/// <summary>
/// Turns file-system events under the workspace's <c>skills/</c> and request directories into what the runtime's loop
/// takes: the skill paths that changed (so a change rescans only the skill it touched) and a "requests changed" flag.
/// Events only make the loop look sooner and narrower; when they may be incomplete (the kernel's buffer overflowed,
/// the watcher failed, more than <see cref="MaxTrackedPaths"/> paths piled up) the next take says "everything", and the
/// loop's periodic full rescan covers what events can never see (changes made from another kernel, such as a network
/// file system written elsewhere).
/// </summary>
public sealed class WorkspaceChangeMonitor : IDisposable
{
    /// <summary>Past this many distinct paths between two takes, a full rescan is cheaper than following each.</summary>
    public const int MaxTrackedPaths = 256;

    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly string _skillsDirectory;
    private readonly Lock _gate = new();
    private HashSet<string> _skillPaths = new(StringComparer.Ordinal);
    private bool _skillsEverything = true;
    private int _requestsChanged = 1;
    private int _failures;

    public WorkspaceChangeMonitor(string skillsDirectory, string requestsDirectory)
    {
        Directory.CreateDirectory(skillsDirectory);
        Directory.CreateDirectory(requestsDirectory);
        _skillsDirectory = Path.GetFullPath(skillsDirectory);
        _watchers.Add(Watch(_skillsDirectory, includeSubdirectories: true, SkillPathChanged));
        _watchers.Add(Watch(requestsDirectory, includeSubdirectories: false, _ => Interlocked.Exchange(ref _requestsChanged, 1)));
    }

    /// <summary>How many times a watcher reported an error or an overflow since start; for health and tests.</summary>
    public int Failures => Volatile.Read(ref _failures);

    public SkillTreeChanges TakeSkillChanges()
    {
        lock (_gate)
        {
            if (_skillsEverything)
            {
                _skillsEverything = false;
                _skillPaths.Clear();
                return SkillTreeChanges.All;
            }

            if (_skillPaths.Count == 0)
            {
                return SkillTreeChanges.None;
            }

            var taken = _skillPaths;
            _skillPaths = new HashSet<string>(StringComparer.Ordinal);
            return new SkillTreeChanges(false, taken);
        }
    }

    public bool TakeRequestsChanged() => Interlocked.Exchange(ref _requestsChanged, 0) == 1;

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }
    }

    private void SkillPathChanged(string fullPath)
    {
        var relative = Path.GetRelativePath(_skillsDirectory, fullPath).Replace(Path.DirectorySeparatorChar, '/');
        lock (_gate)
        {
            if (_skillsEverything)
            {
                return;
            }

            if (relative == "." || relative.StartsWith("../", StringComparison.Ordinal) || _skillPaths.Count >= MaxTrackedPaths)
            {
                _skillsEverything = true;
                _skillPaths.Clear();
                return;
            }

            _skillPaths.Add(relative);
        }
    }

    private void EverythingChanged()
    {
        Interlocked.Increment(ref _failures);
        lock (_gate)
        {
            _skillsEverything = true;
            _skillPaths.Clear();
        }

        Interlocked.Exchange(ref _requestsChanged, 1);
    }

    private FileSystemWatcher Watch(string directory, bool includeSubdirectories, Action<string> changed)
    {
        var watcher = new FileSystemWatcher(directory)
        {
            IncludeSubdirectories = includeSubdirectories,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        watcher.Created += (_, e) => changed(e.FullPath);
        watcher.Changed += (_, e) => changed(e.FullPath);
        watcher.Deleted += (_, e) => changed(e.FullPath);
        watcher.Renamed += (_, e) =>
        {
            changed(e.OldFullPath);
            changed(e.FullPath);
        };

        // Overflow, or a watch that could not be added (the inotify watch limit): we no longer know what changed.
        watcher.Error += (_, _) => EverythingChanged();
        watcher.EnableRaisingEvents = true;
        return watcher;
    }
}
