using SkillsOrleans.RuntimeHost.Workspace;

namespace SkillsOrleans.UnitTests.Workspace;

/// <summary>The monitor on a real directory with the kernel's own events (inotify).</summary>
public sealed class WorkspaceChangeMonitorTests : IDisposable
{
    private static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(10);
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("skillsorleans-monitor-");
    private readonly WorkspaceChangeMonitor _monitor;

    public WorkspaceChangeMonitorTests()
    {
        Directory.CreateDirectory(Skills("weather"));
        _monitor = new WorkspaceChangeMonitor(Skills(""), Path.Combine(_root.FullName, "requests"));
    }

    public void Dispose()
    {
        _monitor.Dispose();
        _root.Delete(recursive: true);
    }

    private string Skills(string relative) => Path.Combine(_root.FullName, "skills", relative);

    private async Task<HashSet<string>> PathsUntilAsync(string expected)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + EventDeadline;
        while (DateTime.UtcNow < deadline)
        {
            var changes = _monitor.TakeSkillChanges();
            Assert.False(changes.Everything);
            seen.UnionWith(changes.Paths);
            if (seen.Contains(expected))
            {
                return seen;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no event for {expected} within {EventDeadline}; saw {string.Join(", ", seen)}");
    }

    [Fact]
    public async Task The_first_take_is_everything_and_later_ones_name_the_changed_paths()
    {
        Assert.True(_monitor.TakeSkillChanges().Everything);
        Assert.False(_monitor.TakeSkillChanges().Any);

        await File.WriteAllTextAsync(Skills("weather/SKILL.md"), "---\nname: weather\ndescription: d\n---\n");
        var paths = await PathsUntilAsync("weather/SKILL.md");

        Assert.All(paths, path => Assert.StartsWith("weather", path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rename_names_both_the_old_and_the_new_path()
    {
        _monitor.TakeSkillChanges();
        Directory.CreateDirectory(Skills("staging"));
        await PathsUntilAsync("staging");

        Directory.Move(Skills("staging"), Skills("installed"));
        var paths = await PathsUntilAsync("installed");

        Assert.Contains("staging", paths);
    }

    [Fact]
    public async Task More_changed_paths_than_it_follows_turn_into_everything()
    {
        _monitor.TakeSkillChanges();
        for (var i = 0; i <= WorkspaceChangeMonitor.MaxTrackedPaths; i++)
        {
            Directory.CreateDirectory(Skills($"flood-{i:D4}"));
        }

        var deadline = DateTime.UtcNow + EventDeadline;
        SkillTreeChanges changes;
        var seen = 0;
        do
        {
            await Task.Delay(50);
            changes = _monitor.TakeSkillChanges();
            seen += changes.Paths.Count;
        }
        while (!changes.Everything && DateTime.UtcNow < deadline);

        Assert.True(changes.Everything, $"still following paths one by one after {seen} of them");
    }
}
