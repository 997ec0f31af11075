using Microsoft.Extensions.Hosting;
using SkillsOrleans.RuntimeHost.Secrets;

namespace SkillsOrleans.RuntimeHost;

/// <summary>
/// Opens the runtime host's files once: reads the host secret file when the host starts, or when the runtime grain's
/// first activation asks for it, whichever comes first. A file that cannot be read leaves the store faulted (reported
/// in health, writes refused), never overwritten, and stops nothing.
/// </summary>
public sealed class RuntimeHostInitializer(HostSecretStore secrets) : IHostedService
{
    private readonly Lazy<Task> _opened = new(() => secrets.ReloadAsync(CancellationToken.None));

    /// <summary>Completes once the secret file has been read (a later call waits for, or returns, that one read).</summary>
    public Task OpenAsync(CancellationToken cancellationToken) => _opened.Value.WaitAsync(cancellationToken);

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => OpenAsync(cancellationToken);

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
