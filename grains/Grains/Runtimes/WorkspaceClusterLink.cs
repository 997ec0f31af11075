using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Audit;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Grains.Audit;
using SkillsOrleans.Grains.Credentials;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Model.Skills;
using SkillsOrleans.RuntimeHost.Requests;
using SkillsOrleans.RuntimeHost.Workspace;

namespace SkillsOrleans.Grains.Runtimes;

/// <summary>
/// The cluster side of a runtime's workspace loop: the catalog goes to the runtime's account, request files become
/// credential requests there, and a request file set aside is recorded in the audit trail (before it moves).
/// </summary>
internal sealed class WorkspaceClusterLink(IGrainFactory grains, string accountId, string runtimeId, AuditRecorder audit) : IWorkspaceCluster
{
    private IAccountGrain Account => grains.GetGrain<IAccountGrain>(accountId);

    public Task PublishCatalogAsync(DateTimeOffset scannedAt, IReadOnlyList<SkillManifest> skills) =>
        Account.PublishSkillCatalogAsync(new SkillCatalog(runtimeId, scannedAt, skills));

    public async Task<string> RequestAsync(CredentialRef credentialRef, string? agentId, string? reason) =>
        (await Account.RequestCredentialAsync(credentialRef, new CredentialRequest(agentId, reason))).Outcome.ToString();

    /// <summary>A request file set aside is a refusal the account's admins should see.</summary>
    public Task RecordRefusalAsync(RefusedRequest refused) =>
        audit.RecordChangeAsync(
            new AuditRecord(accountId, CredentialAudit.Agent(refused.Request?.AgentId, runtimeId).Actor, AuditActorKinds.Agent,
                AuditActions.CredentialRequestRejected, AuditOutcomes.Rejected)
            {
                RuntimeId = runtimeId,
                CredentialRef = refused.CredentialRef?.ToString(),
                Reason = $"{refused.Code}: {refused.Message} (file {refused.FileName})",
            });
}
