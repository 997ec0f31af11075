using SkillsOrleans.Contracts.Credentials;

namespace SkillsOrleans.UnitTests;

public sealed class CredentialSnapshotTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;
    private static readonly CredentialSnapshot Pending = new("demo/rt/trello/TRELLO_TOKEN", CredentialStatus.Pending, 0, null, "main", null, At, "main", At);

    [Fact]
    public void The_next_delivery_creates_the_version_after_the_current_one()
    {
        Assert.Equal(1, Pending.NextVersion());
        Assert.Equal(4, (Pending with { Version = 3 }).NextVersion());
    }

    [Fact]
    public void A_later_change_is_newer_and_a_late_report_of_an_earlier_one_is_not()
    {
        var active = Pending with { Status = CredentialStatus.Active, Version = 1, Fingerprint = "f1", UpdatedAt = At.AddSeconds(1) };
        var revoked = active with { Status = CredentialStatus.Revoked, Fingerprint = null, UpdatedAt = At.AddSeconds(2) };
        var reopened = revoked with { Status = CredentialStatus.Pending, UpdatedAt = At.AddSeconds(3) };

        Assert.True(Pending.IsNewerThan(null));
        Assert.True(active.IsNewerThan(Pending));
        Assert.True(revoked.IsNewerThan(active));
        Assert.True(reopened.IsNewerThan(revoked));
        Assert.False(active.IsNewerThan(revoked));
        Assert.False(Pending.IsNewerThan(reopened));
        Assert.False(active.IsNewerThan(active));
    }
}
