using Microsoft.Extensions.Options;
using SkillsOrleans.RuntimeHost.Sealing;
using SkillsOrleans.RuntimeHost.Secrets;
using SkillsOrleans.RuntimeHost.Workspace;

namespace SkillsOrleans.RuntimeHost;

/// <summary>
/// The runtime host's parts as the runtime grain uses them: the singletons <see cref="RuntimeHostServiceCollectionExtensions.AddRuntimeHost"/>
/// registers, created once per host and disposed with it. An activation of the grain borrows them; it disposes none.
/// </summary>
public sealed class RuntimeHostServices(
    IOptions<RuntimeHostOptions> options,
    RuntimeHostInitializer initializer,
    HostSecretStore secrets,
    RuntimeSealingKey sealingKey,
    SealedSecretOpener opener,
    HostCredentials credentials,
    PreparedDeliveries prepared,
    WorkspaceSyncLoop workspace)
{
    public RuntimeHostOptions Options { get; } = options.Value;

    public HostSecretStore Secrets { get; } = secrets;

    public RuntimeSealingKey SealingKey { get; } = sealingKey;

    public SealedSecretOpener Opener { get; } = opener;

    public HostCredentials Credentials { get; } = credentials;

    public PreparedDeliveries Prepared { get; } = prepared;

    public WorkspaceSyncLoop Workspace { get; } = workspace;

    /// <summary>Completes once the host's files are open (see <see cref="RuntimeHostInitializer"/>).</summary>
    public Task OpenAsync(CancellationToken cancellationToken) => initializer.OpenAsync(cancellationToken);
}
