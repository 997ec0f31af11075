using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SkillsOrleans.RuntimeHost.Requests;
using SkillsOrleans.UnitTests.Workspace;

namespace SkillsOrleans.UnitTests.Requests;

/// <summary>Declines noted for agents on a real directory: what is written, what a sync removes, and what an agent planted.</summary>
public sealed class RequestDecisionNotesTests : IDisposable
{
    private static readonly DateTimeOffset DeclinedAt = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("skillsorleans-decisions-");
    private readonly RequestDecisionNotes _notes;

    public RequestDecisionNotesTests()
    {
        var inbox = new CredentialRequestInbox(Path.Combine(_root.FullName, "requests", "skill-credentials"), new FakeTimeProvider(DeclinedAt));
        _notes = new RequestDecisionNotes(inbox);
    }

    public void Dispose() => _root.Delete(recursive: true);

    private static DeclinedRequest Trello(string reason = "We use Jira.") => new("trello", "TRELLO_API_KEY", reason, DeclinedAt);

    private string NotePath(string skill, string key) => Path.Combine(_notes.Directory, RequestDecisionNotes.FileName(skill, key));

    private JsonElement ReadNote(string skill, string key) => JsonDocument.Parse(File.ReadAllText(NotePath(skill, key))).RootElement;

    [Fact]
    public void A_decline_is_noted_with_the_names_reason_and_time_and_cleared_again()
    {
        _notes.NoteDeclined(Trello());

        var note = ReadNote("trello", "TRELLO_API_KEY");
        Assert.Equal(("trello", "TRELLO_API_KEY", "declined", "We use Jira."),
            (note.GetProperty("skill").GetString(), note.GetProperty("key").GetString(), note.GetProperty("decision").GetString(), note.GetProperty("reason").GetString()));
        Assert.Equal(DeclinedAt, note.GetProperty("declinedAt").GetDateTimeOffset());

        _notes.Clear("trello", "TRELLO_API_KEY");
        Assert.Empty(Directory.GetFileSystemEntries(_notes.Directory));
    }

    [Fact]
    public void A_sync_writes_what_is_missing_or_changed_removes_the_rest_and_leaves_notes_in_step_untouched()
    {
        _notes.NoteDeclined(Trello("old reason"));
        _notes.NoteDeclined(new DeclinedRequest("gog", "GOG_TOKEN", "not for this team", DeclinedAt));
        _notes.NoteDeclined(new DeclinedRequest("notion", "NOTION_API_KEY", "later", DeclinedAt));
        var notionWritten = File.GetLastWriteTimeUtc(NotePath("notion", "NOTION_API_KEY"));

        var changes = _notes.SyncWith([Trello("new reason"), new DeclinedRequest("notion", "NOTION_API_KEY", "later", DeclinedAt)]);

        Assert.Equal(2, changes); // trello rewritten, gog removed
        Assert.Equal("new reason", ReadNote("trello", "TRELLO_API_KEY").GetProperty("reason").GetString());
        Assert.False(File.Exists(NotePath("gog", "GOG_TOKEN")));
        Assert.Equal(notionWritten, File.GetLastWriteTimeUtc(NotePath("notion", "NOTION_API_KEY")));
        Assert.Equal(0, _notes.SyncWith([Trello("new reason"), new DeclinedRequest("notion", "NOTION_API_KEY", "later", DeclinedAt)]));
    }

    [Fact]
    public void A_link_an_agent_planted_where_a_note_goes_is_replaced_not_written_through()
    {
        var outside = Path.Combine(_root.FullName, "outside.txt");
        File.WriteAllText(outside, "not the host's to write");
        Directory.CreateDirectory(_notes.Directory);
        File.CreateSymbolicLink(NotePath("trello", "TRELLO_API_KEY"), outside);

        _notes.NoteDeclined(Trello());

        Assert.Equal("not the host's to write", File.ReadAllText(outside));
        Assert.Null(new FileInfo(NotePath("trello", "TRELLO_API_KEY")).LinkTarget);
        Assert.Equal("We use Jira.", ReadNote("trello", "TRELLO_API_KEY").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_fifo_an_agent_planted_where_a_note_goes_does_not_block_the_host()
    {
        Directory.CreateDirectory(_notes.Directory);
        SpecialFiles.MakeFifo(NotePath("trello", "TRELLO_API_KEY"));

        await Task.Run(() => _notes.NoteDeclined(Trello())).WaitAsync(SpecialFiles.ScanDeadline);

        Assert.Equal("We use Jira.", ReadNote("trello", "TRELLO_API_KEY").GetProperty("reason").GetString());
    }
}
