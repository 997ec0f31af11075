using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Model.Skills;
using SkillsOrleans.RuntimeHost.Requests;

namespace SkillsOrleans.UnitTests.Requests;

/// <summary>
/// When a request file is handled: one that can be accepted at once, on the pass that first sees it; one that would be
/// refused, only after it has not changed for the settle time (it may still be being written, or name a skill the
/// scan has not seen yet).
/// </summary>
public sealed class CredentialRequestProcessorTests : IDisposable
{
    private static readonly IReadOnlyList<SkillManifest> Catalog =
        [new("trello", "trello", "trello", null, null, null, "TRELLO_API_KEY", SkillRequirements.None, [], null, null)];

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("skillsorleans-processor-");
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly CredentialRequestInbox _inbox;
    private readonly CredentialRequestProcessor _processor;
    private readonly RecordingTarget _target = new();

    public CredentialRequestProcessorTests()
    {
        _inbox = new CredentialRequestInbox(Path.Combine(_root.FullName, "requests", "skill-credentials"), _clock);
        _inbox.EnsureCreated();
        _processor = new CredentialRequestProcessor(_inbox, "acme", "acme-rt-1", NullLogger.Instance);
    }

    public void Dispose() => _root.Delete(recursive: true);

    private void WriteNow(string name, string content)
    {
        var path = Path.Combine(_inbox.Directory, name);
        File.WriteAllText(path, content);
        File.SetLastWriteTimeUtc(path, _clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task A_complete_request_is_accepted_on_the_first_pass_without_waiting_to_settle()
    {
        WriteNow("trello.json", """{"skill":"trello","key":"TRELLO_API_KEY","agentId":"main"}""");

        var summary = await _processor.ProcessAsync(Catalog, _target);

        Assert.Equal((1, 0), (summary.Accepted, summary.Rejected));
        Assert.Equal(["acme/acme-rt-1/trello/TRELLO_API_KEY"], _target.Requested);
        Assert.Single(Directory.GetFiles(_inbox.ProcessedDirectory));
    }

    [Fact]
    public async Task A_file_still_being_written_is_left_in_place_and_rejected_only_once_settled()
    {
        WriteNow("partial.json", """{"skill":"trello","ke""");

        var first = await _processor.ProcessAsync(Catalog, _target);

        Assert.Equal((0, 0), (first.Accepted, first.Rejected));
        Assert.True(File.Exists(Path.Combine(_inbox.Directory, "partial.json")));
        Assert.Empty(_target.Refused);

        _clock.Advance(CredentialRequestInbox.SettleTime);
        var settled = await _processor.ProcessAsync(Catalog, _target);

        Assert.Equal(1, settled.Rejected);
        Assert.Equal(["invalid_json"], _target.Refused);
        Assert.False(File.Exists(Path.Combine(_inbox.Directory, "partial.json")));
    }

    [Fact]
    public async Task A_request_for_a_skill_the_scan_has_not_seen_yet_waits_for_the_next_catalog_until_it_settles()
    {
        WriteNow("gog.json", """{"skill":"gog","key":"GOG_TOKEN"}""");

        await _processor.ProcessAsync(Catalog, _target);
        Assert.Empty(_target.Refused);

        SkillManifest gog = new("gog", "gog", "gog", null, null, null, null, new SkillRequirements(["GOG_TOKEN"], [], [], []), [], null, null);
        var accepted = await _processor.ProcessAsync([.. Catalog, gog], _target);

        Assert.Equal(1, accepted.Accepted);
        Assert.Equal(["acme/acme-rt-1/gog/GOG_TOKEN"], _target.Requested);
        Assert.Empty(_target.Refused);
    }

    [Fact]
    public async Task A_request_for_an_unknown_skill_is_rejected_once_settled()
    {
        WriteNow("nope.json", """{"skill":"nope","key":"NOPE_KEY"}""");
        await _processor.ProcessAsync(Catalog, _target);

        _clock.Advance(CredentialRequestInbox.SettleTime);
        await _processor.ProcessAsync(Catalog, _target);

        Assert.Equal(["unknown_skill"], _target.Refused);
        Assert.Empty(_target.Requested);
    }

    private sealed class RecordingTarget : ICredentialRequestTarget
    {
        public List<string> Requested { get; } = [];

        public List<string> Refused { get; } = [];

        public Task<string> RequestAsync(CredentialRef credentialRef, string? agentId, string? reason)
        {
            Requested.Add(credentialRef.ToString());
            return Task.FromResult("created");
        }

        public Task RecordRefusalAsync(RefusedRequest refused)
        {
            Refused.Add(refused.Code);
            return Task.CompletedTask;
        }
    }
}
