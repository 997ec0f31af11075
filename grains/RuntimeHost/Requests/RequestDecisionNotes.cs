using System.Text;
using System.Text.Json;
using SkillsOrleans.RuntimeHost.Workspace;

namespace SkillsOrleans.RuntimeHost.Requests;

/// <summary>
/// An admin's decision on a key request, noted where the agent that asked can read it:
/// <c>&lt;inbox&gt;/decisions/&lt;skill&gt;--&lt;KEY&gt;.json</c> holds <c>{ skill, key, decision: "declined", reason, declinedAt }</c>
/// for as long as the key stays declined (the <c>skill-credentials</c> helper's <c>status</c> reads it). The cluster's
/// state is the record; these files follow it: written when an admin declines, removed when the key is opened again,
/// and brought in step by each reconciliation pass (<see cref="SyncWith"/>) in case a host was offline meanwhile.
/// Agents may write in this directory too: notes are written through <see cref="WorkspaceTextFile"/> and read through
/// <see cref="WorkspaceFileReader"/>, so a planted link or FIFO is never followed. Safe to call from several threads.
/// </summary>
public sealed class RequestDecisionNotes(CredentialRequestInbox inbox)
{
    private const long MaxNoteBytes = 16 * 1024;
    private static readonly JsonSerializerOptions NoteJson = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly Lock _gate = new();

    public string Directory => inbox.DecisionsDirectory;

    /// <summary>The note's file name: the key name holds no '-', so the last <c>--</c> separates it from the skill key.</summary>
    public static string FileName(string skillKey, string keyName) => $"{skillKey}--{keyName}.json";

    public void NoteDeclined(DeclinedRequest declined)
    {
        ArgumentNullException.ThrowIfNull(declined);
        lock (_gate)
        {
            inbox.EnsureCreated();
            WriteIfDifferent(declined);
        }
    }

    public void Clear(string skillKey, string keyName)
    {
        lock (_gate)
        {
            inbox.EnsureCreated();
            File.Delete(Path.Combine(Directory, FileName(skillKey, keyName)));
        }
    }

    /// <summary>
    /// Makes the directory hold exactly the notes for <paramref name="declined"/>: writes those missing or different,
    /// removes the rest. Returns how many files it wrote or removed.
    /// </summary>
    public int SyncWith(IReadOnlyCollection<DeclinedRequest> declined)
    {
        ArgumentNullException.ThrowIfNull(declined);
        lock (_gate)
        {
            inbox.EnsureCreated();
            var wanted = declined.ToDictionary(d => FileName(d.SkillKey, d.KeyName), StringComparer.Ordinal);
            var changes = 0;
            foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*.json"))
            {
                var name = Path.GetFileName(path);
                if (!name.StartsWith('.') && !wanted.ContainsKey(name))
                {
                    File.Delete(path);
                    changes++;
                }
            }

            foreach (var note in wanted.Values)
            {
                changes += WriteIfDifferent(note) ? 1 : 0;
            }

            return changes;
        }
    }

    private bool WriteIfDifferent(DeclinedRequest declined)
    {
        var path = Path.Combine(Directory, FileName(declined.SkillKey, declined.KeyName));
        var content = JsonSerializer.Serialize(new Note(declined.SkillKey, declined.KeyName, "declined", declined.Reason, declined.DeclinedAt), NoteJson);
        if (WorkspaceFileReader.Read(path, MaxNoteBytes) is { Content: { } current } && Encoding.UTF8.GetString(current) == content)
        {
            return false;
        }

        WorkspaceTextFile.Replace(path, content);
        return true;
    }

    private sealed record Note(string Skill, string Key, string Decision, string Reason, DateTimeOffset DeclinedAt);
}

/// <summary>A key request an admin declined, as the host notes it for the agent: names, the admin's reason and when.</summary>
public sealed record DeclinedRequest(string SkillKey, string KeyName, string Reason, DateTimeOffset DeclinedAt);
