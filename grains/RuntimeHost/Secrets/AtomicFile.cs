using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace SkillsOrleans.RuntimeHost.Secrets;

/// <summary>
/// Writes a private file so that a reader sees the old content or the new one, never a mix, and a crash at any
/// point leaves one of the two on disk. The content goes to a fresh temp file in the same directory, created 0600
/// (the mode is set by the create call itself, so there is no moment when it is readable by others), is flushed
/// to disk, renamed over the target, and the directory is synced so the rename itself survives a power loss.
/// </summary>
internal static class AtomicFile
{
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Replaces (or creates) <paramref name="path"/>; returns the identity the new file has.</summary>
    public static FileIdentity Replace(string path, ReadOnlySpan<byte> content)
    {
        using var staged = Stage(path, content);
        return staged.Install();
    }

    /// <summary>Creates <paramref name="path"/> only if nothing is there yet; false (and nothing written) when it exists.</summary>
    public static bool TryCreate(string path, ReadOnlySpan<byte> content)
    {
        using var staged = Stage(path, content);
        return staged.TryInstallNew();
    }

    /// <summary>
    /// Writes <paramref name="content"/> to a durable 0600 temp file beside <paramref name="path"/> without touching
    /// the target, so a caller can check the candidate (run a validator on it, say) before installing it. Disposing
    /// the result without installing it deletes the temp file.
    /// </summary>
    public static StagedFile Stage(string path, ReadOnlySpan<byte> content)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"'{path}' has no parent directory.", nameof(path));
        Directory.CreateDirectory(directory, PrivateDirectory);

        var temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{RandomNumberGenerator.GetHexString(16, lowercase: true)}.tmp");
        try
        {
            using var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                UnixCreateMode = PrivateFile,
            });
            stream.Write(content);
            stream.Flush(flushToDisk: true);
            return new StagedFile(fullPath, temp, UnixFileFacts.Inspect(stream.SafeFileHandle, temp).Identity);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>fsync on the directory makes the new name durable; O_RDONLY (0) opens a directory on every architecture.</summary>
    internal static void SyncDirectory(string directory)
    {
        var fd = LibC.Open(directory, LibC.OReadOnly);
        if (fd < 0)
        {
            throw new IOException($"Cannot open directory '{directory}' to sync it: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}.");
        }

        try
        {
            if (LibC.Fsync(fd) != 0)
            {
                throw new IOException($"Cannot sync directory '{directory}': {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}.");
            }
        }
        finally
        {
            _ = LibC.Close(fd);
        }
    }

    /// <summary>Anything at the path counts, a dangling symbolic link included.</summary>
    internal static bool Exists(string path) => UnixFileFacts.TryInspect(path, out _);

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original failure is the one worth reporting.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
