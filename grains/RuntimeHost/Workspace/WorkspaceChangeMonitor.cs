namespace SkillsOrleans.RuntimeHost.Workspace;

/// <summary>
/// Turns file-system events under the workspace's <c>skills/</c> and request directories into two "something
/// changed" flags the runtime's loop takes. Events only make the loop look sooner; the periodic full rescan is
/// what guarantees nothing is missed (events can be dropped when the kernel's buffer overflows).
/// </summary>
public sealed class WorkspaceChangeMonitor : IDisposable
{
    private readonly List<FileSystemWatcher> _watchers = [];
    private int _skillsChanged = 1;
    private int _requestsChanged = 1;

    public WorkspaceChangeMonitor(string skillsDirectory, string requestsDirectory)
    {
        Directory.CreateDirectory(skillsDirectory);
        Directory.CreateDirectory(requestsDirectory);
        _watchers.Add(Watch(skillsDirectory, includeSubdirectories: true, () => Interlocked.Exchange(ref _skillsChanged, 1)));
        _watchers.Add(Watch(requestsDirectory, includeSubdirectories: false, () => Interlocked.Exchange(ref _requestsChanged, 1)));
    }

    public bool TakeSkillsChanged() => Interlocked.Exchange(ref _skillsChanged, 0) == 1;

    public bool TakeRequestsChanged() => Interlocked.Exchange(ref _requestsChanged, 0) == 1;

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }
    }

    private FileSystemWatcher Watch(string directory, bool includeSubdirectories, Action changed)
    {
        var watcher = new FileSystemWatcher(directory)
        {
            IncludeSubdirectories = includeSubdirectories,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        watcher.Created += (_, _) => changed();
        watcher.Changed += (_, _) => changed();
        watcher.Deleted += (_, _) => changed();
        watcher.Renamed += (_, _) => changed();
        watcher.Error += (_, _) =>
        {
            // Overflow: we no longer know what changed, so look at everything.
            Interlocked.Exchange(ref _skillsChanged, 1);
            Interlocked.Exchange(ref _requestsChanged, 1);
        };
        watcher.EnableRaisingEvents = true;
        return watcher;
    }
}
