using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using SkillsOrleans.Contracts.Audit;

namespace SkillsOrleans.UnitTests.Audit;

/// <summary>Audit records, pages and write failures cross grain calls intact, optional fields included.</summary>
public sealed class AuditOrleansSerializationTests : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public void Dispose() => services.Dispose();

    [Fact]
    public void A_page_survives_with_every_field_and_its_cursor()
    {
        var serializer = services.GetRequiredService<Serializer>();
        var record = new AuditRecord("demo", "demo-admin", AuditActorKinds.User, AuditActions.CredentialRotated, AuditOutcomes.Accepted)
        {
            RuntimeId = "demo-runtime-1",
            CredentialRef = "demo/demo-runtime-1/trello/TRELLO_API_KEY",
            Version = 2,
            Fingerprint = "hmac-sha256:3q2-7wAAAAAAAAAAAAAAAA",
            Reason = "scheduled rotation",
            CorrelationId = "req-42",
        };
        var entry = new AuditEntry(42, new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(10), record);
        var page = new AuditPage([entry], entry.Cursor);

        var copy = serializer.Deserialize<AuditPage>(serializer.SerializeToArray(page));

        Assert.NotNull(copy);
        Assert.Equal(record, Assert.Single(copy.Entries).Record);
        Assert.Equal((entry.Id, entry.OccurredAt), (copy.Entries[0].Id, copy.Entries[0].OccurredAt));
        Assert.Equal(entry.Cursor, copy.Next);
    }

    [Fact]
    public void A_write_failure_keeps_its_account_and_action()
    {
        var serializer = services.GetRequiredService<Serializer>();
        var failure = new AuditWriteException("demo", AuditActions.CredentialSubmitted, "database not available");

        var copy = Assert.IsType<AuditWriteException>(serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(failure)));

        Assert.Equal((failure.AccountId, failure.Action, failure.Message), (copy.AccountId, copy.Action, copy.Message));
    }
}
