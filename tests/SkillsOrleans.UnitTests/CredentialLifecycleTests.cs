using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Grains.Credentials;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.UnitTests;

/// <summary>Every transition of the credential state machine, legal and illegal, from every state.</summary>
public sealed class CredentialLifecycleTests
{
    private static readonly CredentialRef Ref = new("demo", "demo-runtime-1", "trello", "TRELLO_API_KEY");
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly CredentialRequest AgentAsks = new("main", "needs the Trello board");

    private static CredentialSnapshot Pending() => CredentialLifecycle.Request(Ref, null, AgentAsks, T0).Credential;

    private static CredentialSnapshot Active(int deliveries = 1)
    {
        var credential = Pending();
        for (var i = 0; i < deliveries; i++)
        {
            credential = CredentialLifecycle.Activate(Ref, credential, new CredentialActivation("demo-admin", $"hmac-sha256:fp{i}", null), T0);
        }

        return credential;
    }

    private static CredentialSnapshot Revoked() =>
        CredentialLifecycle.Revoke(Ref, Active(), new CredentialRevocation("demo-admin", null), T0);

    private static CredentialSnapshot Declined() =>
        CredentialLifecycle.Decline(Ref, Pending(), new CredentialDecline("demo-admin", "We use Jira, not Trello."), T0.AddMinutes(5));

    private static CredentialSnapshot? InStatus(CredentialStatus? status) => status switch
    {
        null => null,
        CredentialStatus.Pending => Pending(),
        CredentialStatus.Active => Active(),
        CredentialStatus.Revoked => Revoked(),
        _ => Declined(),
    };

    [Fact]
    public void Decline_on_pending_keeps_the_version_and_records_the_admin_and_reason()
    {
        var declined = Declined();

        Assert.Equal(CredentialStatus.Declined, declined.Status);
        Assert.Equal((0, "We use Jira, not Trello.", "demo-admin", T0.AddMinutes(5)),
            (declined.Version, declined.DeclineReason, declined.UpdatedBy, declined.UpdatedAt));
        Assert.Equal("main", declined.RequestedByAgent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(CredentialStatus.Active)]
    [InlineData(CredentialStatus.Revoked)]
    [InlineData(CredentialStatus.Declined)]
    public void Decline_on_anything_but_pending_is_an_illegal_transition(CredentialStatus? status)
    {
        var error = Assert.Throws<CredentialConflictException>(() =>
            CredentialLifecycle.Decline(Ref, InStatus(status), new CredentialDecline("demo-admin", "no"), T0));

        Assert.Equal((CredentialConflictKind.IllegalTransition, status), (error.Kind, error.CurrentStatus));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Decline_needs_a_reason(string reason) =>
        Assert.Throws<ArgumentException>(() => CredentialLifecycle.Decline(Ref, Pending(), new CredentialDecline("demo-admin", reason), T0));

    [Fact]
    public void An_agent_asking_again_for_a_declined_key_gets_the_reason_and_changes_nothing()
    {
        var error = Assert.Throws<CredentialRequestDeclinedException>(() => CredentialLifecycle.Request(Ref, Declined(), AgentAsks, T0.AddHours(1)));

        Assert.Equal("We use Jira, not Trello.", error.DeclineReason);
        Assert.EndsWith("We use Jira, not Trello.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_on_declined_is_an_illegal_transition_until_an_admin_provides_it()
    {
        var error = Assert.Throws<CredentialConflictException>(() => CredentialLifecycle.NextDeliveryVersion(Ref, Declined(), null));
        Assert.Contains("provide it ahead of a request", error.Message, StringComparison.Ordinal);

        var reopened = CredentialLifecycle.Provision(Ref, Declined(), new CredentialProvision("demo-owner"), T0.AddHours(1));

        Assert.Equal((RequestOutcome.Reopened, CredentialStatus.Pending, null, "demo-owner"),
            (reopened.Outcome, reopened.Credential.Status, reopened.Credential.DeclineReason, reopened.Credential.UpdatedBy));
        Assert.Equal(1, CredentialLifecycle.NextDeliveryVersion(Ref, reopened.Credential, null));
    }

    [Fact]
    public void Request_on_nothing_creates_pending_at_version_zero_with_the_agent_and_reason()
    {
        var result = CredentialLifecycle.Request(Ref, null, AgentAsks, T0);

        Assert.Equal(RequestOutcome.Created, result.Outcome);
        Assert.Equal(CredentialStatus.Pending, result.Credential.Status);
        Assert.Equal(0, result.Credential.Version);
        Assert.Null(result.Credential.Fingerprint);
        Assert.Equal("main", result.Credential.RequestedByAgent);
        Assert.Equal("needs the Trello board", result.Credential.RequestReason);
        Assert.Equal(Ref.ToString(), result.Credential.CredentialRef);
    }

    [Fact]
    public void Request_on_pending_changes_nothing()
    {
        var pending = Pending();
        var again = CredentialLifecycle.Request(Ref, pending, new CredentialRequest("other-agent", "again"), T0.AddMinutes(1));

        Assert.Equal(RequestOutcome.AlreadyPending, again.Outcome);
        Assert.Same(pending, again.Credential);
    }

    [Fact]
    public void Request_on_active_changes_nothing()
    {
        var active = Active();
        var again = CredentialLifecycle.Request(Ref, active, AgentAsks, T0.AddMinutes(1));

        Assert.Equal(RequestOutcome.AlreadyActive, again.Outcome);
        Assert.Same(active, again.Credential);
    }

    [Fact]
    public void Request_on_revoked_reopens_pending_and_keeps_the_version()
    {
        var revoked = Revoked();
        var reopened = CredentialLifecycle.Request(Ref, revoked, new CredentialRequest("helper", "key was revoked"), T0.AddHours(1));

        Assert.Equal(RequestOutcome.Reopened, reopened.Outcome);
        Assert.Equal(CredentialStatus.Pending, reopened.Credential.Status);
        Assert.Equal(revoked.Version, reopened.Credential.Version);
        Assert.Equal("helper", reopened.Credential.RequestedByAgent);
        Assert.Equal(T0.AddHours(1), reopened.Credential.RequestedAt);
    }

    [Fact]
    public void Submit_on_pending_activates_version_one_with_fingerprint_and_actor()
    {
        var active = CredentialLifecycle.Activate(Ref, Pending(), new CredentialActivation("demo-admin", "hmac-sha256:abc", 0), T0.AddMinutes(5));

        Assert.Equal(CredentialStatus.Active, active.Status);
        Assert.Equal(1, active.Version);
        Assert.Equal("hmac-sha256:abc", active.Fingerprint);
        Assert.Equal("demo-admin", active.UpdatedBy);
        Assert.Equal(T0.AddMinutes(5), active.UpdatedAt);
    }

    [Fact]
    public void Submit_on_active_rotates_to_the_next_version()
    {
        var rotated = CredentialLifecycle.Activate(Ref, Active(), new CredentialActivation("demo-owner", "hmac-sha256:new", 1), T0);

        Assert.Equal(CredentialStatus.Active, rotated.Status);
        Assert.Equal(2, rotated.Version);
        Assert.Equal("hmac-sha256:new", rotated.Fingerprint);
    }

    [Fact]
    public void Versions_are_never_reused_across_revoke_and_re_request()
    {
        var reopened = CredentialLifecycle.Request(Ref, Revoked(), AgentAsks, T0).Credential;
        var reactivated = CredentialLifecycle.Activate(Ref, reopened, new CredentialActivation("demo-admin", "hmac-sha256:again", null), T0);

        Assert.Equal(2, reactivated.Version);
    }

    [Fact]
    public void Submit_on_nothing_is_an_illegal_transition()
    {
        var error = Assert.Throws<CredentialConflictException>(() =>
            CredentialLifecycle.Activate(Ref, null, new CredentialActivation("demo-admin", "hmac-sha256:x", null), T0));

        Assert.Equal(CredentialConflictKind.IllegalTransition, error.Kind);
        Assert.Null(error.CurrentStatus);
        Assert.Contains("never requested", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_on_revoked_is_an_illegal_transition()
    {
        var error = Assert.Throws<CredentialConflictException>(() =>
            CredentialLifecycle.Activate(Ref, Revoked(), new CredentialActivation("demo-admin", "hmac-sha256:x", null), T0));

        Assert.Equal(CredentialConflictKind.IllegalTransition, error.Kind);
        Assert.Equal(CredentialStatus.Revoked, error.CurrentStatus);
    }

    [Fact]
    public void Revoke_on_active_revokes_keeps_the_version_and_drops_the_fingerprint()
    {
        var revoked = CredentialLifecycle.Revoke(Ref, Active(deliveries: 3), new CredentialRevocation("demo-admin", 3), T0);

        Assert.Equal(CredentialStatus.Revoked, revoked.Status);
        Assert.Equal(3, revoked.Version);
        Assert.Null(revoked.Fingerprint);
        Assert.Equal("demo-admin", revoked.UpdatedBy);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(CredentialStatus.Pending)]
    [InlineData(CredentialStatus.Revoked)]
    [InlineData(CredentialStatus.Declined)]
    public void Revoke_on_anything_but_active_is_an_illegal_transition(CredentialStatus? status)
    {
        var current = InStatus(status);

        var error = Assert.Throws<CredentialConflictException>(() =>
            CredentialLifecycle.Revoke(Ref, current, new CredentialRevocation("demo-admin", null), T0));

        Assert.Equal(CredentialConflictKind.IllegalTransition, error.Kind);
        Assert.Equal(status, error.CurrentStatus);
    }

    [Fact]
    public void Submit_with_a_stale_expected_version_is_a_version_conflict()
    {
        var error = Assert.Throws<CredentialConflictException>(() =>
            CredentialLifecycle.Activate(Ref, Active(deliveries: 2), new CredentialActivation("demo-admin", "hmac-sha256:x", 1), T0));

        Assert.Equal(CredentialConflictKind.VersionMismatch, error.Kind);
        Assert.Equal(2, error.CurrentVersion);
        Assert.Equal(Ref.ToString(), error.CredentialRef);
    }

    [Fact]
    public void Revoke_with_a_stale_expected_version_is_a_version_conflict()
    {
        var error = Assert.Throws<CredentialConflictException>(() =>
            CredentialLifecycle.Revoke(Ref, Active(deliveries: 2), new CredentialRevocation("demo-admin", 5), T0));

        Assert.Equal(CredentialConflictKind.VersionMismatch, error.Kind);
    }

    [Fact]
    public void First_submission_may_name_version_zero()
    {
        var error = Record.Exception(() =>
            CredentialLifecycle.Activate(Ref, Pending(), new CredentialActivation("demo-admin", "hmac-sha256:x", 0), T0));

        Assert.Null(error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("plaintext=secret!")]
    public void A_fingerprint_must_look_like_one(string fingerprint)
    {
        Assert.Throws<ArgumentException>(() =>
            CredentialLifecycle.Activate(Ref, Pending(), new CredentialActivation("demo-admin", fingerprint, null), T0));
    }

    [Fact]
    public void An_actor_must_be_a_subject()
    {
        Assert.Throws<ArgumentException>(() =>
            CredentialLifecycle.Activate(Ref, Pending(), new CredentialActivation("bad actor\n", "hmac-sha256:x", null), T0));
    }

    [Fact]
    public void Agent_reasons_are_bounded_and_free_of_control_characters()
    {
        var reason = "line one\nline two\u0007" + new string('x', 2000);
        var pending = CredentialLifecycle.Request(Ref, null, new CredentialRequest("main", reason), T0).Credential;

        Assert.Equal(CredentialLifecycle.MaxReasonLength, pending.RequestReason!.Length);
        Assert.DoesNotContain(pending.RequestReason, char.IsControl);
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("agent with spaces")]
    public void Agent_ids_must_be_identifiers(string agentId)
    {
        Assert.Throws<ArgumentException>(() => CredentialLifecycle.Request(Ref, null, new CredentialRequest(agentId, null), T0));
    }
}
