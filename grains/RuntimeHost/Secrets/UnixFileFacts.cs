using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SkillsOrleans.RuntimeHost.Secrets;

/// <summary>What the kernel says about one file, without following a symbolic link at the last component.</summary>
internal readonly record struct UnixFileFacts(UnixFileKind Kind, uint LinkCount, uint OwnerId, UnixFileMode Permissions, FileIdentity Identity)
{
    // STATX_TYPE | STATX_MODE | STATX_NLINK | STATX_UID | STATX_MTIME | STATX_INO | STATX_SIZE
    private const uint RequiredFields = 0x1 | 0x2 | 0x4 | 0x8 | 0x40 | 0x100 | 0x200;
    private const int FileTypeMask = 0xF000;
    private const int RegularFileType = 0x8000;
    private const int DirectoryType = 0x4000;
    private const int SymbolicLinkType = 0xA000;
    private const int PermissionMask = 0xFFF;

    /// <summary>The effective user of this process: the only owner a secret file may have.</summary>
    public static uint CurrentUserId => LibC.GetEffectiveUserId();

    /// <summary>Facts about <paramref name="path"/> itself (a symlink is reported, not followed); false when it does not exist.</summary>
    public static bool TryInspect(string path, out UnixFileFacts facts)
    {
        var error = StatxRetrying(LibC.AtFdCwd, path, LibC.AtSymlinkNoFollow, out var buffer);
        if (error == LibC.ENoEnt)
        {
            facts = default;
            return false;
        }

        facts = FromBuffer(error, buffer, path);
        return true;
    }

    /// <summary>Facts about the file an open handle refers to, whatever path it was opened by.</summary>
    public static UnixFileFacts Inspect(SafeFileHandle handle, string pathForErrors)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = checked((int)handle.DangerousGetHandle());
            var error = StatxRetrying(fd, "", LibC.AtEmptyPath, out var buffer);
            return FromBuffer(error, buffer, pathForErrors);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>statx, repeated when a signal interrupts it; returns 0 or the errno.</summary>
    private static int StatxRetrying(int dirFd, string path, int flags, out LibC.Statx buffer)
    {
        while (true)
        {
            if (LibC.StatxPath(dirFd, path, flags, LibC.StatxBasicStats, out buffer) == 0)
            {
                return 0;
            }

            var error = Marshal.GetLastPInvokeError();
            if (error != LibC.EIntr)
            {
                return error;
            }
        }
    }

    private static UnixFileFacts FromBuffer(int error, in LibC.Statx buffer, string path)
    {
        if (error != 0)
        {
            throw new IOException($"Cannot inspect '{path}': {Marshal.GetPInvokeErrorMessage(error)}.");
        }

        if ((buffer.Mask & RequiredFields) != RequiredFields)
        {
            throw new IOException($"Cannot inspect '{path}': the file system does not report its type, mode, owner and link count.");
        }

        var kind = (buffer.Mode & FileTypeMask) switch
        {
            RegularFileType => UnixFileKind.Regular,
            DirectoryType => UnixFileKind.Directory,
            SymbolicLinkType => UnixFileKind.SymbolicLink,
            _ => UnixFileKind.Other,
        };
        var identity = new FileIdentity(buffer.DevMajor, buffer.DevMinor, buffer.Inode, buffer.Size, buffer.MtimeSeconds, buffer.MtimeNanoseconds);
        return new UnixFileFacts(kind, buffer.LinkCount, buffer.Uid, (UnixFileMode)(buffer.Mode & PermissionMask), identity);
    }
}
