using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Model.Skills;
using SkillsOrleans.RuntimeHost.Requests;
using SkillsOrleans.RuntimeHost.Workspace;

namespace SkillsOrleans.Grains.Runtimes;

/// <summary>
/// The cluster side of a runtime's workspace loop: what changed in the catalog goes to the runtime's catalog grain,
/// request files become requests to their credentials' grains (for this runtime's account), and a request file set
/// aside is recorded in the audit trail by the account (before it moves): the runtime silo writes no audit row itself.
/// One link per activation, used by the workspace pass only. Its calls give up when <paramref name="deactivating"/> is
/// cancelled: the grains they reach may be waiting on the runtime grain, which then takes no call until the pass ends.
/// </summary>
internal sealed class WorkspaceClusterLink(IGrainFactory grains, string accountId, string runtimeId, CancellationToken deactivating) : IWorkspaceCluster
{
    private IReadOnlyList<SkillManifest>? _published;

    /// <summary>
    /// Publishes what changed since the catalog the catalog grain last acknowledged (everything, the first time after
    /// this activation), so one edited skill is one row written.
    /// </summary>
    public async Task PublishCatalogAsync(DateTimeOffset scannedAt, IReadOnlyList<SkillManifest> skills)
    {
        var change = SkillCatalogChange.Between(_published, skills, scannedAt);
        if (!change.IsEmpty)
        {
            await grains.GetGrain<IRuntimeCatalogGrain>(runtimeId).PublishAsync(accountId, change).WaitAsync(deactivating);
        }

        _published = skills;
    }

    /// <summary>
    /// An account that takes no requests now refuses the file for good (<c>refused</c>), as does a key an admin declined
    /// (<c>declined</c>, with the admin's reason); anything else leaves it for the next pass.
    /// </summary>
    public async Task<string> RequestAsync(CredentialRef credentialRef, string? agentId, string? reason)
    {
        try
        {
            return (await grains.GetGrain<ICredentialGrain>(credentialRef.ToString()).RequestAsync(accountId, new CredentialRequest(agentId, reason)).WaitAsync(deactivating)).Outcome.ToString();
        }
        catch (CredentialRequestRefusedException refused)
        {
            throw new RequestRejectedException(RequestRejection.Refused, refused.Message);
        }
        catch (CredentialRequestDeclinedException declined)
        {
            throw new RequestRejectedException(RequestRejection.Declined, declined.Message);
        }
    }

    /// <summary>A request file set aside is a refusal the account's admins should see.</summary>
    public Task RecordRefusalAsync(RefusedRequest refused) =>
        grains.GetGrain<IAccountGrain>(accountId).RecordRejectedRequestAsync(new RejectedCredentialRequest(
            runtimeId, refused.Request?.AgentId, refused.CredentialRef?.ToString(), $"{refused.Code}: {refused.Message} (file {refused.FileName})")).WaitAsync(deactivating);
}
