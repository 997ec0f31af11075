namespace SkillsOrleans.RuntimeHost.Secrets;

/// <summary>
/// Which file a path named and which version of it: device, inode, size and modification time. A rename keeps
/// all four, so the identity taken from a temp file before it replaces the target still describes the target.
/// </summary>
internal readonly record struct FileIdentity(uint DevMajor, uint DevMinor, ulong Inode, ulong Size, long MtimeSeconds, uint MtimeNanoseconds)
{
    /// <summary>The modification time.</summary>
    public DateTimeOffset ModifiedAt => DateTimeOffset.FromUnixTimeSeconds(MtimeSeconds).AddTicks(MtimeNanoseconds / 100);

    public bool IsSameFileAs(FileIdentity other) =>
        DevMajor == other.DevMajor && DevMinor == other.DevMinor && Inode == other.Inode;
}
