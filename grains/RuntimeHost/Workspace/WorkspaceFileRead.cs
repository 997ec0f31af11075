namespace SkillsOrleans.RuntimeHost.Workspace;

/// <summary>
/// One file read by <see cref="WorkspaceFileReader"/>: its bytes, or why it was refused (<see cref="Refusal"/> with
/// words fit for an error file or the catalog), or neither when nothing is there.
/// </summary>
public readonly record struct WorkspaceFileRead(byte[]? Content, WorkspaceFileRefusal? Refusal, string? Problem)
{
    public static WorkspaceFileRead Missing => default;

    public bool IsMissing => Content is null && Refusal is null;

    public static WorkspaceFileRead Refused(WorkspaceFileRefusal refusal, string problem) => new(null, refusal, problem);
}
