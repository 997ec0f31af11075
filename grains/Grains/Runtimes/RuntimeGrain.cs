using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Grains.Placement;

namespace SkillsOrleans.Grains.Runtimes;

/// <summary>
/// The runtime host's grain. Host-pinned, so it reads its host's configuration from the local container and
/// (in later parts) owns the host's workspace, secret file and gateway. On start it registers with its account.
/// </summary>
[RuntimeHostPlacement]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The workspace loop is disposed in OnDeactivateAsync, the grain's end of life.")]
[GrainType("runtime")] // pinned: persisted state is keyed by grain type name
public sealed partial class RuntimeGrain(
    [PersistentState("runtime", GrainStorageNames.State)] IPersistentState<RuntimeState> state,
    IOptions<RuntimeHostOptions> hostOptions,
    ILocalSiloDetails localSilo,
    TimeProvider clock,
    ILogger<RuntimeGrain> logger) : Grain, IRuntimeGrain
{
    private static readonly TimeSpan SyncTick = TimeSpan.FromMilliseconds(250);

    private DateTimeOffset _activatedAt;
    private string? _registrationError;
    private WorkspaceSyncLoop? _workspace;

    private string RuntimeId => this.GetPrimaryKeyString();

    private RuntimeHostOptions Host => hostOptions.Value;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Placement guarantees this; checking it anyway means a bug there can never make a grain act for another host.
        if (!string.Equals(Host.RuntimeId, RuntimeId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Runtime grain '{RuntimeId}' activated on silo {localSilo.SiloAddress}, which hosts '{Host.RuntimeId}'.");
        }

        _activatedAt = clock.GetUtcNow();
        _workspace = new WorkspaceSyncLoop(
            Host,
            catalog => Account.PublishSkillCatalogAsync(catalog),
            (credentialRef, request) => Account.RequestCredentialAsync(credentialRef, request),
            clock,
            logger);

        // The workspace loop is the runtime's heartbeat: it keeps this activation alive for as long as its silo runs.
        this.RegisterGrainTimer(
            _ => _workspace.RunOnceAsync(),
            new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = SyncTick, Interleave = false, KeepAlive = true });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _workspace?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<RuntimeStatus> EnsureStartedAsync()
    {
        try
        {
            await RegisterWithAccountAsync();
            _registrationError = null;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            _registrationError = $"{error.GetType().Name}: {error.Message}";
            LogRegistrationFailed(logger, error, RuntimeId, Host.AccountId);
        }

        return Status();
    }

    public Task<RuntimeStatus> GetStatusAsync() => Task.FromResult(Status());

    public Task<RuntimeHealth> GetHealthAsync() =>
        Task.FromResult(new RuntimeHealth(Status(), _workspace!.Health(running: true)));

    private IAccountGrain Account => GrainFactory.GetGrain<IAccountGrain>(Host.AccountId);

    private async Task RegisterWithAccountAsync()
    {
        var hostName = Environment.MachineName;
        await Account.RegisterRuntimeAsync(RuntimeId, hostName);
        if (state.State.AccountId is { } previous && !string.Equals(previous, Host.AccountId, StringComparison.Ordinal))
        {
            // The host was moved to another account: the old account must stop routing credentials here.
            LogAccountChanged(logger, RuntimeId, previous, Host.AccountId);
            await GrainFactory.GetGrain<IAccountGrain>(previous).UnregisterRuntimeAsync(RuntimeId);
        }

        state.State.AccountId = Host.AccountId;
        state.State.RegisteredAt = clock.GetUtcNow();
        state.State.HostName = hostName;
        await state.WriteStateAsync();
    }

    private RuntimeStatus Status() => new(
        RuntimeId,
        Host.AccountId,
        localSilo.SiloAddress.ToString(),
        state.State.HostName ?? Environment.MachineName,
        _activatedAt,
        state.State.RegisteredAt,
        _registrationError);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runtime {RuntimeId} could not register with account {AccountId}")]
    private static partial void LogRegistrationFailed(ILogger logger, Exception error, string runtimeId, string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runtime {RuntimeId} moved from account {Previous} to {Current}")]
    private static partial void LogAccountChanged(ILogger logger, string runtimeId, string previous, string current);
}
