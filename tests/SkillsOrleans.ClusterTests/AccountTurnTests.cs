using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Testing;
using static SkillsOrleans.ClusterTests.FleetTestCluster;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// A delivery runs in its credential's grain, not in its account's: while one is held on the runtime host (its
/// OpenClaw config validator waits on a gate the test holds shut), the account still answers access checks,
/// listings, member changes, and other credentials' requests and deliveries.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AccountTurnTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly CredentialRef HeldKey = new(AccountOne, RuntimeOne, "openai-whisper-api", "OPENAI_API_KEY");
    private static readonly CredentialRef OtherKey = new(AccountOne, RuntimeOne, "trello", "TRELLO_API_KEY");

    /// <summary>Long enough for any answer that does not wait for the held delivery; the delivery itself waits indefinitely.</summary>
    private static readonly TimeSpan Answers = TimeSpan.FromSeconds(20);

    private readonly DirectoryInfo _gateDirectory = Directory.CreateTempSubdirectory("skillsorleans-gate-");
    private FleetTestCluster _fleet = null!;

    private string Gate => Path.Combine(_gateDirectory.FullName, "closed");

    private string Entered => Path.Combine(_gateDirectory.FullName, "entered");

    public async Task InitializeAsync()
    {
        // The validator says it was reached, then waits while the gate is shut; with the gate open it accepts at once.
        var validator = Path.Combine(_gateDirectory.FullName, "validate.sh");
        await File.WriteAllTextAsync(validator,
            $"#!/bin/sh\n[ -e '{Gate}' ] && touch '{Entered}'\nwhile [ -e '{Gate}' ]; do sleep 0.05; done\nexit 0\n");
        File.SetUnixFileMode(validator, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _fleet = await StartAsync(await postgres.CreateMigratedDatabaseAsync("account-turn"), validator);
        await _fleet.Credentials(AccountOne).RequestCredentialAsync(HeldKey, new CredentialRequest("main", "transcripts"));
        await _fleet.Credentials(AccountOne).RequestCredentialAsync(OtherKey, new CredentialRequest("main", "boards"));
    }

    public async Task DisposeAsync()
    {
        File.Delete(Gate);
        await _fleet.DisposeAsync();
        _gateDirectory.Delete(recursive: true);
    }

    [Fact]
    public async Task The_account_answers_while_one_of_its_credentials_is_being_delivered()
    {
        var account = _fleet.Account(AccountOne);
        var submission = new CredentialSubmission("acme-owner", 0, await _fleet.SealAsync(HeldKey, 1, "sk-held"));
        await File.WriteAllTextAsync(Gate, "");
        var held = _fleet.Credentials(AccountOne).SubmitCredentialAsync(HeldKey, submission);
        await Eventually.TrueAsync(() => Task.FromResult(File.Exists(Entered)));
        Assert.False(held.IsCompletedSuccessfully);

        var access = await account.AuthorizeAsync("acme-owner", AccessRequirement.Admin).WaitAsync(Answers);
        var listed = await account.ListCredentialsAsync(null).WaitAsync(Answers);
        await account.SetMemberAsync("acme-reader", MemberRole.Member).WaitAsync(Answers);
        var reread = await _fleet.Credentials(AccountOne).RequestCredentialAsync(OtherKey, new CredentialRequest("main", "boards")).WaitAsync(Answers);

        Assert.Equal(AccessVerdict.Granted, access.Verdict);
        Assert.Equal(CredentialStatus.Pending, listed.Single(c => c.CredentialRef == HeldKey.ToString()).Status);
        Assert.Equal(RequestOutcome.AlreadyPending, reread.Outcome);
        Assert.False(held.IsCompletedSuccessfully, "the delivery finished while its host was still validating");

        // The test client gives up on a call after 10 s; the delivery goes on in the cluster either way.
        File.Delete(Gate);
        try
        {
            await held.WaitAsync(Answers);
        }
        catch (TimeoutException)
        {
        }

        var delivered = await Eventually.ValueAsync(
            () => account.ListCredentialsAsync(CredentialStatus.Active), active => active.Count == 1);
        Assert.Equal((HeldKey.ToString(), 1), (delivered[0].CredentialRef, delivered[0].Version));
        Assert.Equal("sk-held", _fleet.StoredSecret(HeldKey));
        Assert.Equal(MemberRole.Member, await account.GetRoleAsync("acme-reader"));
    }
}
