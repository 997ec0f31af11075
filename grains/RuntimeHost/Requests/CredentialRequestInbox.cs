using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SkillsOrleans.RuntimeHost.Secrets;
using SkillsOrleans.RuntimeHost.Workspace;

namespace SkillsOrleans.RuntimeHost.Requests;

/// <summary>
/// The request directory an agent writes to, <c>&lt;workspace&gt;/requests/skill-credentials/</c>. Hands out
/// request files at most <see cref="MaxFilesPerTake"/> at a time, each marked settled or not (settled: not modified
/// for <see cref="SettleTime"/>; the processor acts on an unsettled file only to accept it), and files every handled one away: accepted ones to <c>processed/</c>, rejected ones to <c>failed/</c> next to
/// a <c>.error.json</c> that says why, each under its original name behind the filing time (<see cref="FiledStampFormat"/>).
/// The inbox deletes nothing (<see cref="FiledRequestPruner"/> ages out what it filed); a file is moved only by rename
/// within the directory, so a crash leaves it in one place. Hidden files and names not ending in <c>.json</c> are left alone (an agent may write
/// <c>x.json.tmp</c> and rename). The directories below the workspace must be real directories, not links: the inbox
/// neither reads from nor moves files through a link to somewhere else.
/// </summary>
public sealed partial class CredentialRequestInbox(string directory, TimeProvider clock, int maxFilesPerTake = CredentialRequestInbox.DefaultMaxFilesPerTake)
{
    public const long MaxFileBytes = 64 * 1024;

    /// <summary>The filing time in front of a filed request's name, e.g. <c>20261206T140512345Z-</c>.</summary>
    public const string FiledStampFormat = "yyyyMMdd'T'HHmmssfff'Z'";
    public const int DefaultMaxFilesPerTake = 100;
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(1);

    public string Directory { get; } = Path.GetFullPath(directory);

    public string ProcessedDirectory => Path.Combine(Directory, "processed");

    public string FailedDirectory => Path.Combine(Directory, "failed");

    /// <summary>Where admins' decisions on requests are noted for agents to read (<see cref="RequestDecisionNotes"/>).</summary>
    public string DecisionsDirectory => Path.Combine(Directory, "decisions");

    /// <summary>How many files one <see cref="TakeReady"/> hands out at most; the rest waits, untouched, for the next.</summary>
    public int MaxFilesPerTake { get; } = maxFilesPerTake > 0
        ? maxFilesPerTake
        : throw new ArgumentOutOfRangeException(nameof(maxFilesPerTake), "at least one file must be taken at a time");

    /// <summary>Whether the last <see cref="TakeReady"/> stopped at <see cref="MaxFilesPerTake"/> with more files ready.</summary>
    public bool LastTakeWasCapped { get; private set; }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.json\z", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();

    /// <summary>Creates the directories; refuses (IOException) when one of them, or <c>requests/</c>, is a link or not a directory.</summary>
    public void EnsureCreated()
    {
        string[] ours = [Path.GetDirectoryName(Directory)!, Directory, ProcessedDirectory, FailedDirectory, DecisionsDirectory];
        Array.ForEach(ours, RequireNoLink);
        System.IO.Directory.CreateDirectory(ProcessedDirectory);
        System.IO.Directory.CreateDirectory(FailedDirectory);
        System.IO.Directory.CreateDirectory(DecisionsDirectory);
        Array.ForEach(ours, RequireNoLink);
    }

    /// <summary>
    /// The request files there now, settled or not, at most <see cref="MaxFilesPerTake"/>. Entries that can never be valid
    /// (links, FIFOs, sockets, devices, hard links, oversized, bad names) come with their <see cref="InboxFile.Refusal"/>
    /// at once, without settling and without being opened; the caller records the refusal and sets them aside.
    /// </summary>
    public IReadOnlyList<InboxFile> TakeReady()
    {
        EnsureCreated();
        LastTakeWasCapped = false;
        var ready = new List<InboxFile>();
        var now = clock.GetUtcNow();
        foreach (var entry in new DirectoryInfo(Directory).EnumerateFileSystemInfos())
        {
            if (entry.Name.StartsWith('.') || !entry.Name.EndsWith(".json", StringComparison.Ordinal)
                || !UnixFileFacts.TryInspect(entry.FullName, out var facts) || facts.Kind == UnixFileKind.Directory)
            {
                continue;
            }

            var file = new InboxFile(entry.Name, entry.FullName)
            {
                Refusal = RefusalAtSight(entry.Name, facts),
                Settled = now - facts.Identity.ModifiedAt >= SettleTime,
            };
            if (ready.Count == MaxFilesPerTake)
            {
                LastTakeWasCapped = true;
                break;
            }

            ready.Add(file);
        }

        return ready;
    }

    /// <summary>
    /// Reads a file that <see cref="TakeReady"/> returned, through <see cref="WorkspaceFileReader"/>: a file swapped
    /// meanwhile for a link, FIFO, socket, device or hard link, grown too large, or reached through a directory that
    /// became a link, is refused unread.
    /// </summary>
    public byte[] Read(InboxFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var read = WorkspaceFileReader.Read(file.Path, MaxFileBytes, RealDirectory());
        return read switch
        {
            { Content: { } content } => content,
            { Refusal: WorkspaceFileRefusal.TooLarge } => throw new RequestRejectedException(RequestRejection.TooLarge, $"not read: {read.Problem}"),
            { Refusal: not null } => throw new RequestRejectedException(RequestRejection.NotARegularFile, $"request files must be regular files; not read: {read.Problem}"),
            _ => throw new FileNotFoundException("The request file disappeared before it was read.", file.Name),
        };
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
        WorkspaceTextFile.Replace(destination + ".error.json", JsonSerializer.Serialize(error, ErrorJson));
        return destination;
    }

    /// <summary>Whether any request file is waiting (settled or not); stops at the first.</summary>
    public bool AnyWaiting() =>
        System.IO.Directory.Exists(Directory)
        && System.IO.Directory.EnumerateFiles(Directory, "*.json").Any(p => !Path.GetFileName(p).StartsWith('.'));

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

    /// <summary>Why an entry can never be a request, from what lstat says about it (the entry is not opened).</summary>
    private static RequestRejectedException? RefusalAtSight(string name, UnixFileFacts facts) => facts switch
    {
        { Kind: UnixFileKind.SymbolicLink } => new(RequestRejection.NotARegularFile, "request files must be regular files, not links"),
        { Kind: not UnixFileKind.Regular } => new(RequestRejection.NotARegularFile, "request files must be regular files, not FIFOs, sockets or devices"),
        { LinkCount: > 1 } => new(RequestRejection.NotARegularFile, "request files must not have other hard links"),
        _ when !FileNamePattern().IsMatch(name) => new(RequestRejection.InvalidName, "file names are letters, digits, '.', '_' and '-', ending in .json"),
        _ when facts.Identity.Size > MaxFileBytes => new(RequestRejection.TooLarge, $"request files are at most {MaxFileBytes} bytes; this one has {facts.Identity.Size}"),
        _ => null,
    };

    private static void RequireNoLink(string path)
    {
        if (UnixFileFacts.TryInspect(path, out var facts) && facts.Kind != UnixFileKind.Directory)
        {
            throw new IOException(
                $"'{path}' is {(facts.Kind == UnixFileKind.SymbolicLink ? "a symbolic link" : "not a directory")}; request files are neither read nor moved through it until it is a plain directory again.");
        }
    }

    /// <summary>
    /// The inbox as the kernel finds it: the workspace's real path (an operator may link the workspace itself) and
    /// the two folder names below it, which must not be links. A file opened through a link there lies elsewhere.
    /// </summary>
    private string RealDirectory()
    {
        var requests = Path.GetDirectoryName(Directory)!;
        var workspace = Path.GetDirectoryName(requests)!;
        return Path.Join(WorkspaceFileReader.RealPath(workspace) ?? workspace, Path.GetFileName(requests), Path.GetFileName(Directory));
    }

    private string MoveInto(InboxFile file, string target)
    {
        System.IO.Directory.CreateDirectory(target);
        var stamp = clock.GetUtcNow().ToString(FiledStampFormat, CultureInfo.InvariantCulture);
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

    /// <summary>
    /// Not modified for <see cref="CredentialRequestInbox.SettleTime"/>. An agent that writes in place (not through a
    /// temporary name and a rename) may still be writing an unsettled file, or may have written it right after
    /// installing the skill it names, before the scan saw the skill: such a file is accepted if it already can be,
    /// but refused only once settled.
    /// </summary>
    public bool Settled { get; init; } = true;
}
