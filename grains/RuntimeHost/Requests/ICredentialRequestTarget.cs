using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.RuntimeHost.Requests;

/// <summary>
/// Where the request files of a workspace go, in plain types: the runtime grain implements it with the account grain
/// (which opens or finds the pending credential) and the audit trail.
/// </summary>
public interface ICredentialRequestTarget
{
    /// <summary>Asks for the credential on the agent's behalf.</summary>
    /// <returns>How the cluster took it (created, reopened, already pending or active), for the log.</returns>
    /// <exception cref="Exception">The cluster could not take it now; the file stays for the next round.</exception>
    Task<string> RequestAsync(CredentialRef credentialRef, string? agentId, string? reason);

    /// <summary>Records a request file that is being set aside, before it moves.</summary>
    /// <exception cref="Exception">The record could not be written; the file stays for the next round.</exception>
    Task RecordRefusalAsync(RefusedRequest refused);
}
