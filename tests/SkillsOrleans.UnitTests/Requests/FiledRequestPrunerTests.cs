using Microsoft.Extensions.Time.Testing;
using SkillsOrleans.RuntimeHost.Requests;

namespace SkillsOrleans.UnitTests.Requests;

/// <summary>Retention of filed requests on a real directory: what ages out, what stays, and what is never touched.</summary>
public sealed class FiledRequestPrunerTests : IDisposable
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("skillsorleans-prune-");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
    private readonly CredentialRequestInbox _inbox;

    public FiledRequestPrunerTests()
    {
        _inbox = new CredentialRequestInbox(Path.Combine(_root.FullName, "requests", "skill-credentials"), _clock);
        _inbox.EnsureCreated();
    }

    public void Dispose() => _root.Delete(recursive: true);

    private InboxFile Arrive(string name)
    {
        File.WriteAllText(Path.Combine(_inbox.Directory, name), """{"skill":"trello","key":"TRELLO_TOKEN"}""");
        return _inbox.TakeReady().Single(f => f.Name == name);
    }

    private static string[] Names(string directory) => [.. Directory.GetFileSystemEntries(directory).Select(Path.GetFileName).Order()!];

    [Fact]
    public void Requests_filed_longer_ago_than_the_retention_go_with_their_error_files_and_younger_ones_stay()
    {
        _inbox.MarkProcessed(Arrive("old-ok.json"));
        _inbox.Reject(Arrive("old-bad.json"), RequestRejection.UnknownSkill, "no installed skill is named 'x'");
        _clock.Advance(TimeSpan.FromDays(20));
        var youngOk = Path.GetFileName(_inbox.MarkProcessed(Arrive("young-ok.json")));
        var youngBad = Path.GetFileName(_inbox.Reject(Arrive("young-bad.json"), RequestRejection.UnknownSkill, "no installed skill is named 'y'"));
        _clock.Advance(TimeSpan.FromDays(11));

        var pruned = new FiledRequestPruner(_inbox, Retention, _clock).Prune();

        Assert.Equal(2, pruned);
        Assert.Equal([youngOk], Names(_inbox.ProcessedDirectory));
        Assert.Equal([youngBad, youngBad + ".error.json"], Names(_inbox.FailedDirectory));
    }

    [Fact]
    public void Filing_time_comes_from_the_name_not_from_the_agents_modification_time()
    {
        var file = Arrive("request.json");
        File.SetLastWriteTimeUtc(file.Path, _clock.GetUtcNow().UtcDateTime - TimeSpan.FromDays(365));
        var filed = _inbox.MarkProcessed(file);
        _clock.Advance(TimeSpan.FromDays(29));

        Assert.Equal(0, new FiledRequestPruner(_inbox, Retention, _clock).Prune());
        Assert.True(File.Exists(filed));
    }

    [Fact]
    public void An_entry_without_a_stamp_goes_by_its_modification_time()
    {
        var byHand = Path.Combine(_inbox.ProcessedDirectory, "copied-by-hand.json");
        var recent = Path.Combine(_inbox.ProcessedDirectory, "recent-by-hand.json");
        File.WriteAllText(byHand, "{}");
        File.WriteAllText(recent, "{}");
        File.SetLastWriteTimeUtc(byHand, _clock.GetUtcNow().UtcDateTime - TimeSpan.FromDays(31));

        Assert.Equal(1, new FiledRequestPruner(_inbox, Retention, _clock).Prune());
        Assert.Equal(["recent-by-hand.json"], Names(_inbox.ProcessedDirectory));
    }

    [Fact]
    public void A_filed_link_is_removed_and_what_it_points_to_is_kept()
    {
        var target = Path.Combine(_root.FullName, "precious.txt");
        File.WriteAllText(target, "keep me");
        File.CreateSymbolicLink(Path.Combine(_inbox.Directory, "link.json"), target);
        var link = _inbox.TakeReady().Single();
        _inbox.Reject(link, RequestRejection.NotARegularFile, link.Refusal!.Message);
        _clock.Advance(TimeSpan.FromDays(31));

        Assert.Equal(1, new FiledRequestPruner(_inbox, Retention, _clock).Prune());
        Assert.Empty(Names(_inbox.FailedDirectory));
        Assert.Equal("keep me", File.ReadAllText(target));
    }

    [Fact]
    public void Waiting_requests_and_folders_are_never_pruned_and_infinite_retention_deletes_nothing()
    {
        var waiting = Path.Combine(_inbox.Directory, "waiting.json");
        File.WriteAllText(waiting, "{}");
        File.SetLastWriteTimeUtc(waiting, _clock.GetUtcNow().UtcDateTime - TimeSpan.FromDays(400));
        Directory.CreateDirectory(Path.Combine(_inbox.ProcessedDirectory, "20200101T000000000Z-folder"));
        _inbox.MarkProcessed(Arrive("filed.json"));
        _clock.Advance(TimeSpan.FromDays(400));

        Assert.Equal(0, new FiledRequestPruner(_inbox, Timeout.InfiniteTimeSpan, _clock).Prune());
        Assert.Equal(2, Names(_inbox.ProcessedDirectory).Length);

        Assert.Equal(1, new FiledRequestPruner(_inbox, Retention, _clock).Prune());
        Assert.True(File.Exists(waiting));
        Assert.Equal(["20200101T000000000Z-folder"], Names(_inbox.ProcessedDirectory));
    }

    [Fact]
    public void A_zero_or_negative_retention_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FiledRequestPruner(_inbox, TimeSpan.Zero, _clock));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FiledRequestPruner(_inbox, TimeSpan.FromDays(-1), _clock));
    }
}
