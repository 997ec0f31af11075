using System.Runtime.InteropServices;

namespace SkillsOrleans.RuntimeHost.Secrets;

/// <summary>
/// The few glibc calls .NET does not expose: link count, owner and identity of a file (statx), the effective
/// user, fsync of a directory, an atomic create-if-absent (link), and an open that does not follow a link. Every
/// constant and struct offset used here is the same on every Linux architecture, which is why statx is used instead
/// of stat and O_DIRECTORY is avoided — except O_NOFOLLOW, which differs between x86 and Arm (<see cref="ONoFollow"/>).
/// </summary>
internal static partial class LibC
{
    public const int AtFdCwd = -100;
    public const int AtSymlinkNoFollow = 0x100;
    public const int AtEmptyPath = 0x1000;
    public const uint StatxBasicStats = 0x7ff;
    public const int OReadOnly = 0;
    public const int ONonBlock = 0x800;
    public const int OCloseOnExec = 0x80000;
    public const int ENxIo = 6;
    public const int ELoop = 40;

    /// <summary>O_NOFOLLOW: 0400000 on x86 and x86-64, 0100000 on 32- and 64-bit Arm.</summary>
    public static int ONoFollow => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;
    public const int ENoEnt = 2;
    public const int EIntr = 4;
    public const int EExist = 17;

    /// <summary>struct statx: 256 bytes, fixed layout; only the fields read here are declared.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    public struct Statx
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(16)] public uint LinkCount;
        [FieldOffset(20)] public uint Uid;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(112)] public long MtimeSeconds;
        [FieldOffset(120)] public uint MtimeNanoseconds;
        [FieldOffset(136)] public uint DevMajor;
        [FieldOffset(140)] public uint DevMinor;
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int StatxPath(int dirFd, string path, int flags, uint mask, out Statx buffer);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(int fd);

    /// <summary>link(2): creates <paramref name="newPath"/> only if nothing is there — atomically, unlike check-then-rename.</summary>
    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Link(string oldPath, string newPath);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);
}
