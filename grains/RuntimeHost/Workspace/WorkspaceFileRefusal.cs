namespace SkillsOrleans.RuntimeHost.Workspace;

/// <summary>Why a file in the agents' workspace (a request file, a SKILL.md, an origin record) was not read.</summary>
public enum WorkspaceFileRefusal
{
    /// <summary>The name is a symbolic link; links are never followed, wherever they point.</summary>
    SymbolicLink,

    /// <summary>A FIFO, socket, device or directory: never opened in a way that could block, never read.</summary>
    NotARegularFile,

    /// <summary>The file has other hard links, so it may be a host file under another name.</summary>
    HardLinked,

    /// <summary>Larger than the reader accepts; left unread.</summary>
    TooLarge,

    /// <summary>The opened file lies outside the directory it must be in (a linked folder on the way was moved).</summary>
    OutsideRoot,
}
