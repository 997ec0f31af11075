namespace SkillsOrleans.RuntimeHost.Workspace;

/// <summary>
/// What the file-system events said changed under <c>skills/</c> since the last look: the paths they named (relative
/// to the skills directory, '/'-separated), or <see cref="Everything"/> when the events cannot be trusted to be
/// complete (the watcher's buffer overflowed, it reported an error, or too many paths piled up).
/// </summary>
public sealed record SkillTreeChanges(bool Everything, IReadOnlyCollection<string> Paths)
{
    public static readonly SkillTreeChanges None = new(false, []);

    public static readonly SkillTreeChanges All = new(true, []);

    public bool Any => Everything || Paths.Count > 0;
}
