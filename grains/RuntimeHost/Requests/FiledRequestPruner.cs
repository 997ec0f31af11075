using System.Globalization;
using SkillsOrleans.RuntimeHost.Secrets;

namespace SkillsOrleans.RuntimeHost.Requests;

/// <summary>
/// Retention for the request files the inbox has filed away in <c>processed/</c> and <c>failed/</c>: an entry filed
/// longer ago than the retention is deleted, with its <c>.error.json</c>. When it was filed is read from the stamp the
/// inbox puts in front of its name (a rename keeps the agent's modification time, so that time says nothing about
/// filing); an entry without a stamp, put there by hand, goes by its modification time. Only files and links are
/// deleted, never what a link points to, and nothing in the inbox itself is touched.
/// </summary>
public sealed class FiledRequestPruner(CredentialRequestInbox inbox, TimeSpan retention, TimeProvider clock)
{
    private const int StampLength = 19; // CredentialRequestInbox.FiledStampFormat, then '-' and the original name

    /// <summary><see cref="Timeout.InfiniteTimeSpan"/>: filed requests are kept for ever.</summary>
    public TimeSpan Retention { get; } = retention == Timeout.InfiniteTimeSpan || retention > TimeSpan.Zero
        ? retention
        : throw new ArgumentOutOfRangeException(nameof(retention), "retention is positive, or infinite to keep everything");

    /// <summary>Deletes what is past the retention; returns how many request files went (an error file is not counted).</summary>
    public int Prune()
    {
        if (Retention == Timeout.InfiniteTimeSpan)
        {
            return 0;
        }

        var cutoff = clock.GetUtcNow() - Retention;
        return PruneDirectory(inbox.ProcessedDirectory, cutoff) + PruneDirectory(inbox.FailedDirectory, cutoff);
    }

    private static int PruneDirectory(string directory, DateTimeOffset cutoff)
    {
        if (!UnixFileFacts.TryInspect(directory, out var facts) || facts.Kind != UnixFileKind.Directory)
        {
            return 0; // missing, or a link the inbox refuses anyway: nothing is deleted through it
        }

        var pruned = 0;
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if (!UnixFileFacts.TryInspect(entry.FullName, out var entryFacts) || entryFacts.Kind == UnixFileKind.Directory
                || FiledAt(entry.Name, entryFacts) >= cutoff)
            {
                continue;
            }

            File.Delete(entry.FullName); // unlink(2): a link goes, its target stays
            if (!entry.Name.EndsWith(".error.json", StringComparison.Ordinal))
            {
                pruned++;
            }
        }

        return pruned;
    }

    private static DateTimeOffset FiledAt(string name, UnixFileFacts facts) =>
        name.Length > StampLength && name[StampLength] == '-'
        && DateTimeOffset.TryParseExact(name.AsSpan(0, StampLength), CredentialRequestInbox.FiledStampFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var stamped)
            ? stamped
            : facts.Identity.ModifiedAt;
}
