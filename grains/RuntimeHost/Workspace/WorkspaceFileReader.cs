using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using SkillsOrleans.RuntimeHost.Secrets;

namespace SkillsOrleans.RuntimeHost.Workspace;

/// <summary>
/// Reads a file that an agent may have placed, or replaced, in its workspace. The name is opened with
/// <c>O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC</c>, so a symbolic link is refused by the kernel and a FIFO cannot block the
/// open; everything else is decided on the open handle, never on the path, so nothing can be swapped in between: it
/// must be a regular file with no other hard links, no larger than the caller allows, and — when a root is given —
/// lie inside that root as the kernel resolved it (links in the folders above the name are followed by the open).
/// </summary>
public static class WorkspaceFileReader
{
    private const int ENoEnt = 2;
    private const int ENotDir = 20;

    /// <param name="path">The file's name; its last component must not be a link.</param>
    /// <param name="maxBytes">The largest file read; a larger one is refused unread.</param>
    /// <param name="realRoot">When set, the real path (as <see cref="RealPath"/> gives it) the file must lie inside.</param>
    /// <exception cref="IOException">The file could not be opened or read for another reason (permissions, I/O, it changed while read).</exception>
    public static WorkspaceFileRead Read(string path, long maxBytes, string? realRoot = null)
    {
        var fd = OpenRetrying(path, LibC.OReadOnly | LibC.ONoFollow | LibC.ONonBlock | LibC.OCloseOnExec, out var error);
        if (fd < 0)
        {
            return error switch
            {
                ENoEnt or ENotDir => WorkspaceFileRead.Missing,
                LibC.ELoop => WorkspaceFileRead.Refused(WorkspaceFileRefusal.SymbolicLink, "it is a symbolic link, which is never followed"),
                LibC.ENxIo => WorkspaceFileRead.Refused(WorkspaceFileRefusal.NotARegularFile, "it is not a regular file (a socket or device)"),
                _ => throw new IOException($"Cannot open '{path}': {Marshal.GetPInvokeErrorMessage(error)}."),
            };
        }

        using var handle = new SafeFileHandle((IntPtr)fd, ownsHandle: true);
        var facts = UnixFileFacts.Inspect(handle, path);
        if (facts.Kind != UnixFileKind.Regular)
        {
            return WorkspaceFileRead.Refused(WorkspaceFileRefusal.NotARegularFile, "it is not a regular file (a FIFO, socket, device or directory)");
        }

        if (facts.LinkCount > 1)
        {
            return WorkspaceFileRead.Refused(WorkspaceFileRefusal.HardLinked, $"it has {facts.LinkCount - 1} other hard link(s), so it may be another file under this name");
        }

        if (facts.Identity.Size > (ulong)maxBytes)
        {
            return WorkspaceFileRead.Refused(WorkspaceFileRefusal.TooLarge, $"it is {facts.Identity.Size} bytes long; at most {maxBytes} are read");
        }

        if (realRoot is not null && !IsInside(RealPathOf(fd), realRoot))
        {
            return WorkspaceFileRead.Refused(WorkspaceFileRefusal.OutsideRoot, "it lies outside the directory it must be in (a linked folder leads elsewhere)");
        }

        return new WorkspaceFileRead(ReadAll(handle, (int)facts.Identity.Size, path), null, null);
    }

    /// <summary>
    /// The real path of a directory as the kernel resolves it (every link on the way followed), or null when it does
    /// not exist. Compare <see cref="Read"/>'s <c>realRoot</c> with this, not with a path that may pass through links.
    /// </summary>
    public static string? RealPath(string directory)
    {
        var fd = OpenRetrying(directory, LibC.OReadOnly | LibC.ONonBlock | LibC.OCloseOnExec, out var error);
        if (fd < 0)
        {
            return error is ENoEnt or ENotDir ? null : throw new IOException($"Cannot open '{directory}': {Marshal.GetPInvokeErrorMessage(error)}.");
        }

        using var handle = new SafeFileHandle((IntPtr)fd, ownsHandle: true);
        return RealPathOf(fd);
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> or lies below it (plain string paths, no resolving).</summary>
    public static bool IsInside(string? path, string? root) =>
        path is not null && root is not null
        && (path == root || path.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal));

    /// <summary>Where an open descriptor's file is, from the kernel (<c>/proc/self/fd</c>); null when that cannot be told.</summary>
    private static string? RealPathOf(int fd) => new FileInfo($"/proc/self/fd/{fd}").LinkTarget;

    private static byte[] ReadAll(SafeFileHandle handle, int size, string path)
    {
        var buffer = new byte[size];
        var read = 0;
        while (read < size)
        {
            var count = RandomAccess.Read(handle, buffer.AsSpan(read), read);
            if (count == 0)
            {
                return buffer[..read]; // it shrank while being read: what is there is what it holds now
            }

            read += count;
        }

        Span<byte> probe = stackalloc byte[1];
        return RandomAccess.Read(handle, probe, size) == 0
            ? buffer
            : throw new IOException($"'{path}' grew while being read.");
    }

    /// <summary>open(2), repeated when a signal interrupts it; the descriptor, or -1 with the errno.</summary>
    private static int OpenRetrying(string path, int flags, out int error)
    {
        while (true)
        {
            var fd = LibC.Open(path, flags);
            error = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
            if (fd >= 0 || error != LibC.EIntr)
            {
                return fd;
            }
        }
    }
}
