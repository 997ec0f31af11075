using SkillsOrleans.Model.Skills;
using SkillsOrleans.RuntimeHost.Requests;

namespace SkillsOrleans.RuntimeHost.Workspace;

/// <summary>
/// What one pass of the workspace loop hands to the cluster, in plain types: the catalog it scanned, and the request
/// files it read. The runtime grain implements it; the loop itself knows nothing of grains.
/// </summary>
public interface IWorkspaceCluster : ICredentialRequestTarget
{
    /// <summary>Replaces the catalog the runtime's account shows for it (metadata only, never a secret).</summary>
    Task PublishCatalogAsync(DateTimeOffset scannedAt, IReadOnlyList<SkillManifest> skills);
}
