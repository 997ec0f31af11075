using System.Security.Cryptography;
using System.Text;

namespace SkillsOrleans.RuntimeHost.Workspace;

/// <summary>
/// Writes a small file an agent may read into a workspace directory an agent may also write. The content goes to a
/// temp file under a random name created exclusively (<c>O_EXCL</c>: a link planted there is never followed) and is
/// renamed over the target (rename replaces a planted link itself, not what it points to), so the host never writes
/// through an agent's link and a reader sees the old file or the new one.
/// </summary>
public static class WorkspaceTextFile
{
    public static void Replace(string path, string content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))
            ?? throw new ArgumentException($"'{path}' has no parent directory.", nameof(path));
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{RandomNumberGenerator.GetHexString(12, lowercase: true)}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(Encoding.UTF8.GetBytes(content));
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
