using System.Runtime.InteropServices;

namespace SkillsOrleans.RuntimeHost.Secrets;

/// <summary>
/// A complete, flushed 0600 temp file waiting beside its target (see <see cref="AtomicFile.Stage"/>). Installing
/// renames it over the target and syncs the directory; disposing it uninstalled deletes it, so a rejected or
/// failed candidate leaves no debris and the target as it was.
/// </summary>
internal sealed class StagedFile : IDisposable
{
    private bool _settled;

    internal StagedFile(string targetPath, string tempPath, FileIdentity identity)
    {
        TargetPath = targetPath;
        TempPath = tempPath;
        Identity = identity;
    }

    public string TargetPath { get; }

    /// <summary>Where the candidate is until it is installed: same directory, so the rename cannot cross file systems.</summary>
    public string TempPath { get; }

    /// <summary>The temp file's identity; a rename keeps it, so it is also the installed file's.</summary>
    public FileIdentity Identity { get; }

    /// <summary>Renames the candidate over the target (replacing whatever is there) and makes the rename durable.</summary>
    public FileIdentity Install()
    {
        ObjectDisposedException.ThrowIf(_settled, this);
        File.Move(TempPath, TargetPath, overwrite: true);
        _settled = true;
        AtomicFile.SyncDirectory(Path.GetDirectoryName(TargetPath)!);
        return Identity;
    }

    /// <summary>Installs the candidate only if nothing is at the target; false (and the candidate deleted) when something is.</summary>
    public bool TryInstallNew()
    {
        ObjectDisposedException.ThrowIf(_settled, this);

        // .NET's no-overwrite move checks and then renames, so two racing creators could both "win". link(2) fails
        // with EEXIST if anything is at the target, in one step; the temp name is then dropped.
        if (LibC.Link(TempPath, TargetPath) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.EExist)
            {
                return false; // another writer created it first; theirs stands (Dispose removes our candidate)
            }

            throw new IOException($"Could not create '{TargetPath}' (errno {errno}).");
        }

        _settled = true;
        File.Delete(TempPath);
        AtomicFile.SyncDirectory(Path.GetDirectoryName(TargetPath)!);
        return true;
    }

    public void Dispose()
    {
        if (!_settled)
        {
            _settled = true;
            AtomicFile.TryDelete(TempPath);
        }
    }
}
