using SkillsOrleans.Contracts.Audit;

namespace SkillsOrleans.UnitTests.Audit;

public sealed class AuditRecordRulesTests
{
    private static readonly AuditRecord Submitted =
        new("demo", "demo-admin", AuditActorKinds.User, AuditActions.CredentialSubmitted, AuditOutcomes.Accepted)
        {
            RuntimeId = "demo-runtime-1",
            CredentialRef = "demo/demo-runtime-1/trello/TRELLO_API_KEY",
            Version = 1,
            Fingerprint = "hmac-sha256:3q2-7wAAAAAAAAAAAAAAAA",
            CorrelationId = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        };

    [Fact]
    public void A_well_formed_record_passes_unchanged() => Assert.Equal(Submitted, AuditRecordRules.Check(Submitted));

    public static TheoryData<AuditRecord> Malformed => new()
    {
        Submitted with { AccountId = "Demo" },
        Submitted with { RuntimeId = "../etc" },
        Submitted with { Actor = "demo admin" },
        Submitted with { Actor = "" },
        Submitted with { ActorKind = "robot" },
        Submitted with { Action = "credential.leaked" },
        Submitted with { Outcome = "ok" },
        Submitted with { Version = -1 },
        Submitted with { CorrelationId = "has space" },
        Submitted with { CredentialRef = "other/demo-runtime-1/trello/TRELLO_API_KEY" },
        Submitted with { CredentialRef = "demo/demo-runtime-2/trello/TRELLO_API_KEY" },
        Submitted with { CredentialRef = "demo/demo-runtime-1/trello" },
        Submitted with { Fingerprint = "sk-live-abcdef" },
        Submitted with { Fingerprint = "hmac-sha256:abc=" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_record_is_refused(AuditRecord record) =>
        Assert.Throws<ArgumentException>(() => AuditRecordRules.Check(record));

    [Fact]
    public void A_refusal_never_echoes_the_fingerprint()
    {
        var pasted = Submitted with { Fingerprint = "sk-live-4f9a0c1d2e3b" };

        var refused = Assert.Throws<ArgumentException>(() => AuditRecordRules.Check(pasted));

        Assert.DoesNotContain("sk-live", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("  \r\n\t ", null)]
    [InlineData("stale\r\nversion", "staleversion")]
    [InlineData("a\u0000b\u001bc\u007fd\u0085e\u2028f\u2029g", "abcdefg")]
    [InlineData("  version-mismatch  ", "version-mismatch")]
    public void A_reason_loses_control_characters(string? reason, string? stored) =>
        Assert.Equal(stored, AuditReasonText.Clean(reason));

    [Fact]
    public void A_broken_surrogate_is_dropped() => Assert.Equal("lone  surrogate", AuditReasonText.Clean("lone \ud800 surrogate"));

    [Fact]
    public void A_long_reason_is_cut_without_splitting_a_character()
    {
        var reason = new string('x', AuditReasonText.MaxLength - 1) + "\U0001F511" + "tail";

        var stored = AuditReasonText.Clean(reason)!;

        Assert.Equal(new string('x', AuditReasonText.MaxLength - 1), stored);
    }

    [Fact]
    public void The_record_passes_with_its_reason_cleaned()
    {
        var checkedRecord = AuditRecordRules.Check(Submitted with { Reason = "line one\nline two" });

        Assert.Equal("line oneline two", checkedRecord.Reason);
    }
}
