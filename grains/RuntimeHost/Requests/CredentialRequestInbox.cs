using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SkillsOrleans.RuntimeHost.Requests;

/// <summary>
/// The request directory an agent writes to, <c>&lt;workspace&gt;/requests/skill-credentials/</c>. Hands out
/// files that have settled (not modified for <see cref="SettleTime"/>), and files every handled one away:
/// accepted ones to <c>processed/</c>, rejected ones to <c>failed/</c> next to a <c>.error.json</c> that says why.
/// Nothing is deleted; a file is moved only by rename within the directory, so a crash leaves it in one place.
/// Hidden files and names not ending in <c>.json</c> are left alone (an agent may write <c>x.json.tmp</c> and rename).
/// </summary>
public sealed partial class CredentialRequestInbox(string directory, TimeProvider clock)
{
    public const long MaxFileBytes = 64 * 1024;
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(1);

    public string Directory { get; } = Path.GetFullPath(directory);

    public string ProcessedDirectory => Path.Combine(Directory, "processed");

    public string FailedDirectory => Path.Combine(Directory, "failed");

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.json\z", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();

    public void EnsureCreated()
    {
        System.IO.Directory.CreateDirectory(ProcessedDirectory);
        System.IO.Directory.CreateDirectory(FailedDirectory);
    }

    /// <summary>
    /// The request files ready to handle now. Entries that can never be valid (links, oversized, bad names) come
    /// with their <see cref="InboxFile.Refusal"/> at once, without settling and without being read; the caller
    /// records the refusal and sets them aside.
    /// </summary>
    public IReadOnlyList<InboxFile> TakeReady()
    {
        EnsureCreated();
        var ready = new List<InboxFile>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var entry in new DirectoryInfo(Directory).EnumerateFileSystemInfos())
        {
            if (entry.Name.StartsWith('.') || !entry.Name.EndsWith(".json", StringComparison.Ordinal)
                || (entry is DirectoryInfo && entry.LinkTarget is null))
            {
                continue;
            }

            var file = new InboxFile(entry.Name, entry.FullName);
            if (entry.LinkTarget is not null || entry is not FileInfo info)
            {
                ready.Add(file with { Refusal = new RequestRejectedException(RequestRejection.NotARegularFile, "request files must be regular files, not links or directories") });
            }
            else if (!FileNamePattern().IsMatch(entry.Name))
            {
                ready.Add(file with { Refusal = new RequestRejectedException(RequestRejection.InvalidName, "file names are letters, digits, '.', '_' and '-', ending in .json") });
            }
            else if (info.Length > MaxFileBytes)
            {
                ready.Add(file with { Refusal = new RequestRejectedException(RequestRejection.TooLarge, $"request files are at most {MaxFileBytes} bytes; this one has {info.Length}") });
            }
            else if (now - info.LastWriteTimeUtc >= SettleTime)
            {
                ready.Add(file);
            }
        }

        return ready;
    }

    /// <summary>Reads a file that <see cref="TakeReady"/> returned, refusing one that was swapped for a link meanwhile.</summary>
    public static byte[] Read(InboxFile file)
    {
        using var handle = File.OpenHandle(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.None);
        var info = new FileInfo(file.Path);
        if (info.LinkTarget is not null || RandomAccess.GetLength(handle) > MaxFileBytes)
        {
            throw new RequestRejectedException(RequestRejection.NotARegularFile, "the file changed into a link or grew too large while it was read");
        }

        var buffer = new byte[RandomAccess.GetLength(handle)];
        var read = RandomAccess.Read(handle, buffer, 0);
        return buffer[..read];
    }

    public string MarkProcessed(InboxFile file) => MoveInto(file, ProcessedDirectory);

    public string Reject(InboxFile file, RequestRejection reason, string message)
    {
        var destination = MoveInto(file, FailedDirectory);
        var error = new
        {
            file = file.Name,
            code = RequestRejectedException.ToCode(reason),
            error = message,
            rejectedAt = clock.GetUtcNow(),
        };
        var errorPath = destination + ".error.json";
        var temporary = errorPath + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(error, ErrorJson));
        File.Move(temporary, errorPath, overwrite: true);
        return destination;
    }

    /// <summary>Counts for health: files waiting in the inbox and files set aside in <c>failed/</c>.</summary>
    public (int Waiting, int Failed) Counts()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return (0, 0);
        }

        var waiting = System.IO.Directory.EnumerateFiles(Directory, "*.json").Count(p => !Path.GetFileName(p).StartsWith('.'));
        var failed = System.IO.Directory.Exists(FailedDirectory)
            ? System.IO.Directory.EnumerateFiles(FailedDirectory).Count(p => !p.EndsWith(".error.json", StringComparison.Ordinal))
            : 0;
        return (waiting, failed);
    }

    private static readonly JsonSerializerOptions ErrorJson = new() { WriteIndented = true };

    private string MoveInto(InboxFile file, string target)
    {
        System.IO.Directory.CreateDirectory(target);
        var stamp = clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        var safeName = SafeName(file.Name);
        for (var attempt = 0; ; attempt++)
        {
            var name = attempt == 0 ? $"{stamp}-{safeName}" : $"{stamp}-{attempt}-{safeName}";
            var destination = Path.Combine(target, name);
            if (Path.Exists(destination))
            {
                continue;
            }

            // rename(2): moves the entry itself (a link stays a link) and is atomic within one file system.
            if (System.IO.Directory.Exists(file.Path))
            {
                System.IO.Directory.Move(file.Path, destination); // a link to a directory
            }
            else
            {
                File.Move(file.Path, destination);
            }
            return destination;
        }
    }

    private static string SafeName(string name)
    {
        var safe = new string([.. name.Take(120).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_')]);
        return safe.TrimStart('.') is { Length: > 0 } trimmed ? trimmed : "request";
    }
}

/// <summary>One entry of the inbox: its original name and where it is now.</summary>
public sealed record InboxFile(string Name, string Path)
{
    /// <summary>Why the file must be set aside unread (a link, an odd name, too large); null for a file to read.</summary>
    public RequestRejectedException? Refusal { get; init; }
}
