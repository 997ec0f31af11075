using System.Diagnostics.CodeAnalysis;

namespace SkillsOrleans.RuntimeHost.Secrets;

/// <summary>The content of a private file and the identity it had when read; no content when the file does not exist.</summary>
internal readonly record struct PrivateFileContent(byte[]? Content, FileIdentity? Identity)
{
    public static PrivateFileContent Missing => default;

    public override string ToString() => Content is null ? "missing" : $"{Content.Length} bytes";
}

/// <summary>
/// Reads a file only after a guard (by default <see cref="SecretFileGuard"/>) accepts it. The path is checked
/// without following links, then opened, and the open handle is checked again: if the path was swapped in between
/// (for a link to another file, say) the two identities differ and nothing is read.
/// </summary>
internal static class PrivateFileReader
{
    /// <summary>False with the reason when the file is refused; IO errors other than "not there" are thrown.</summary>
    public static bool TryRead(string path, long maxBytes, out PrivateFileContent content, [NotNullWhen(false)] out string? problem) =>
        TryRead(path, maxBytes, SecretFileGuard.Problem, out content, out problem);

    /// <summary>As above, with <paramref name="guard"/> saying why given facts disqualify the file (null: accepted).</summary>
    public static bool TryRead(string path, long maxBytes, Func<UnixFileFacts, string?> guard, out PrivateFileContent content, [NotNullWhen(false)] out string? problem)
    {
        content = PrivateFileContent.Missing;
        if (!UnixFileFacts.TryInspect(path, out var atPath))
        {
            problem = null;
            return true;
        }

        problem = guard(atPath);
        if (problem is not null)
        {
            return false;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var opened = UnixFileFacts.Inspect(stream.SafeFileHandle, path);
        if (!opened.Identity.IsSameFileAs(atPath.Identity))
        {
            problem = "it was replaced by another file while being opened";
            return false;
        }

        problem = guard(opened);
        if (problem is not null)
        {
            return false;
        }

        if (opened.Identity.Size > (ulong)maxBytes)
        {
            problem = $"it is {opened.Identity.Size} bytes long; at most {maxBytes} are accepted";
            return false;
        }

        var bytes = new byte[opened.Identity.Size];
        stream.ReadExactly(bytes);
        if (stream.ReadByte() != -1)
        {
            problem = "it grew while being read";
            return false;
        }

        content = new PrivateFileContent(bytes, opened.Identity);
        return true;
    }
}
