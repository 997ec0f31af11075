using SkillsOrleans.Contracts.Accounts;

namespace SkillsOrleans.UnitTests.Accounts;

public sealed class AccessDecisionTests
{
    private static readonly AccountSnapshot Enabled = new("demo", "Demo", DateTimeOffset.UnixEpoch, true, new Dictionary<string, MemberRole>(), []);
    private static readonly AccountSnapshot Disabled = Enabled with { SkillsPocEnabled = false };

    [Theory]
    [InlineData(MemberRole.Member, MemberRole.Member, AccessVerdict.Granted)]
    [InlineData(MemberRole.Member, MemberRole.Admin, AccessVerdict.Forbidden)]
    [InlineData(MemberRole.Admin, MemberRole.Admin, AccessVerdict.Granted)]
    [InlineData(MemberRole.Admin, MemberRole.Owner, AccessVerdict.Forbidden)]
    [InlineData(MemberRole.Owner, MemberRole.Owner, AccessVerdict.Granted)]
    [InlineData(MemberRole.Owner, MemberRole.Member, AccessVerdict.Granted)]
    public void A_member_passes_when_its_role_is_at_least_the_one_required(MemberRole role, MemberRole required, AccessVerdict verdict)
    {
        var decision = AccessDecision.Decide(role, Enabled, new AccessRequirement(required));

        Assert.Equal(verdict, decision.Verdict);
        Assert.Equal(verdict == AccessVerdict.Granted ? Enabled : null, decision.Account);
    }

    [Fact]
    public void Strangers_and_unknown_accounts_read_the_same_and_learn_nothing()
    {
        Assert.Equal(AccessDecision.NotFound, AccessDecision.Decide(null, Enabled, AccessRequirement.Member));
        Assert.Equal(AccessDecision.NotFound, AccessDecision.Decide(MemberRole.Owner, null, AccessRequirement.Member));
        Assert.Null(AccessDecision.Decide(null, Enabled, AccessRequirement.Member).Role);
    }

    [Fact]
    public void With_the_feature_off_only_an_owner_on_the_owners_route_gets_in()
    {
        Assert.Equal(AccessVerdict.NotFound, AccessDecision.Decide(MemberRole.Owner, Disabled, AccessRequirement.Owner).Verdict);
        Assert.Equal(AccessVerdict.NotFound, AccessDecision.Decide(MemberRole.Admin, Disabled, AccessRequirement.OwnerWhileDisabled).Verdict);
        Assert.Equal(AccessVerdict.Granted, AccessDecision.Decide(MemberRole.Owner, Disabled, AccessRequirement.OwnerWhileDisabled).Verdict);
        Assert.Equal(AccessVerdict.Forbidden, AccessDecision.Decide(MemberRole.Admin, Enabled, AccessRequirement.OwnerWhileDisabled).Verdict);
    }
}
