using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Audit;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Fleet;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Contracts.Sealing;
using SkillsOrleans.Grains.Audit;
using SkillsOrleans.Grains.Credentials;
using SkillsOrleans.Grains.Events;
using SkillsOrleans.Grains.Placement;
using SkillsOrleans.Grains.Telemetry;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.RuntimeHost;
using SkillsOrleans.RuntimeHost.OpenClaw;
using SkillsOrleans.RuntimeHost.Requests;
using SkillsOrleans.RuntimeHost.Sealing;
using SkillsOrleans.RuntimeHost.Secrets;
using SkillsOrleans.RuntimeHost.Workspace;
using SkillsOrleans.Sealing;

namespace SkillsOrleans.Grains.Runtimes;

/// <summary>
/// The runtime host's grain. Host-pinned, so it reads its host's configuration from the local container and
/// (in later parts) owns the host's workspace, secret file and gateway. On start it registers with its account.
/// </summary>
[RuntimeHostPlacement]
[Reentrant] // its loop calls the account while the account may be waiting on a delivery here; see HostGate
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The workspace loop is disposed in OnDeactivateAsync, the grain's end of life.")]
[GrainType("runtime")] // pinned: persisted state is keyed by grain type name
public sealed partial class RuntimeGrain(
    [PersistentState("runtime", GrainStorageNames.State)] IPersistentState<RuntimeState> state,
    IOptions<RuntimeHostOptions> hostOptions,
    IAuditTrail auditTrail,
    ILocalSiloDetails localSilo,
    TimeProvider clock,
    ILoggerFactory loggers,
    ILogger<RuntimeGrain> logger) : Grain, IRuntimeGrain
{
    private static readonly TimeSpan SyncTick = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ReloadTick = TimeSpan.FromSeconds(1);
    private const int ReconcileRetryTicks = 20; // an out-of-step config is retried every 5 seconds

    private DateTimeOffset _activatedAt;
    private string? _registrationError;
    private WorkspaceSyncLoop? _workspace;
    private HostSecretStore? _secrets;
    private RuntimeSealingKey? _sealingKey;
    private SealedSecretOpener? _opener;
    private HostCredentials? _credentials;
    private PreparedDeliveries? _prepared;
    private AuditRecorder? _audit;
    private WorkspaceClusterLink? _cluster;
    private int _reconciledCatalogVersion = -1;
    private int _ticksSinceReconcile;

    // The grain is reentrant so that a delivery never waits behind the workspace loop's calls to other grains
    // (which could be waiting on this very delivery). Everything that changes the host's files or this grain's
    // state still happens one at a time, behind this gate.
    private readonly SemaphoreSlim _hostGate = new(1, 1);

    private string RuntimeId => this.GetPrimaryKeyString();

    private RuntimeHostOptions Host => hostOptions.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Placement guarantees this; checking it anyway means a bug there can never make a grain act for another host.
        if (!string.Equals(Host.RuntimeId, RuntimeId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Runtime grain '{RuntimeId}' activated on silo {localSilo.SiloAddress}, which hosts '{Host.RuntimeId}'.");
        }

        _activatedAt = clock.GetUtcNow();
        SkillsOrleansTelemetry.RuntimeActivated(RuntimeId);

        // A secret file that cannot be read leaves the store faulted (reported in health, writes refused), never overwritten.
        _secrets = await HostSecretStore.OpenAsync(Host.SecretsFile, loggers.CreateLogger<HostSecretStore>(), cancellationToken);
        _sealingKey = RuntimeSealingKey.LoadOrCreate(Host.SealingKeyFile, loggers.CreateLogger<RuntimeSealingKey>());
        _prepared = new PreparedDeliveries(clock);
        _audit = new AuditRecorder(auditTrail, AccountEventPublisher.For(ServiceProvider, logger), clock, logger);
        _opener = new SealedSecretOpener(_sealingKey, RuntimeId, new SeenNonceCache(), clock, loggers.CreateLogger<SealedSecretOpener>());
        _credentials = new HostCredentials(
            _secrets,
            new OpenClawConfigFile(Host.ConfigPath, Host.ConfigValidateCommand, loggers.CreateLogger<OpenClawConfigFile>()),
            new OpenClawSecretProvider(Host.SecretsFile),
            new GatewayReloadCoordinator(new OpenClawGatewayClient(Host.Gateway), Host.Gateway, clock, loggers.CreateLogger<GatewayReloadCoordinator>()),
            Host.AccountId,
            clock,
            logger);
        _credentials.Restore([.. state.State.ManagedConfig.Select(m => m.ToEntry(Host.AccountId))]);

        _workspace = new WorkspaceSyncLoop(Host, clock, loggers.CreateLogger<WorkspaceSyncLoop>());
        _cluster = new WorkspaceClusterLink(GrainFactory, Host.AccountId, RuntimeId, _audit);

        // The workspace loop is the runtime's heartbeat: it keeps this activation alive for as long as its silo runs.
        this.RegisterGrainTimer(
            _ => TickAsync(),
            new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = SyncTick, Interleave = false, KeepAlive = true });

        // A reload attempt may wait seconds for an unreachable gateway; it runs interleaved so it never holds up
        // deliveries or health. The coordinator is thread-safe and touches nothing else of the grain.
        this.RegisterGrainTimer(
            _ => _credentials.RunPendingReloadAsync(),
            new GrainTimerCreationOptions { DueTime = ReloadTick, Period = ReloadTick, Interleave = true, KeepAlive = true });
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        SkillsOrleansTelemetry.RuntimeDeactivated(RuntimeId);
        _workspace?.Dispose();
        _prepared?.Dispose();
        _secrets?.Dispose();
        _sealingKey?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<RuntimeStatus> EnsureStartedAsync()
    {
        try
        {
            await WithHostGateAsync(RegisterWithAccountAsync);
            _registrationError = null;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            _registrationError = $"{error.GetType().Name}: {error.Message}";
            LogRegistrationFailed(logger, error, RuntimeId, Host.AccountId);
            await ListUnregisteredHostAsync();
        }

        return Status();
    }

    public Task<RuntimeStatus> GetStatusAsync() => Task.FromResult(Status());

    public Task<RuntimeHealth> GetHealthAsync()
    {
        var store = _secrets!.Status;
        var workspace = _workspace!.Status();
        var config = _credentials!.ConfigStatus();
        var reload = _credentials.ReloadHealth();
        return Task.FromResult(new RuntimeHealth(
            Status(),
            new SkillSyncHealth(
                Running: true, workspace.LastSyncAt, workspace.LastError, workspace.Skills, workspace.BrokenSkills,
                workspace.PendingRequests, workspace.FailedRequests),
            new SecretStoreHealth(store.State.ToString().ToLowerInvariant(), store.Path, store.Entries, store.Error),
            _sealingKey!.Fingerprint,
            new OpenClawConfigHealth(
                config.InStep ? "in-step" : "out-of-step", config.Path, config.LastAppliedAt, config.ManagedKeys, config.LastError),
            new GatewayReloadStatus(
                reload.State.ToString().ToLowerInvariant(), reload.Reason, reload.PendingSince, reload.NextAttemptAt,
                reload.LastSuccessAt, reload.LastError, reload.Attempts, reload.WarningCount, reload.FallbackUsed)));
    }

    public Task<SealingPublicKey> GetSealingKeyAsync() => Task.FromResult(_sealingKey!.PublicKey);

    public async Task<PreparedDelivery> PrepareDeliveryAsync(CredentialRef credentialRef, int version, SealedSecretEnvelope envelope)
    {
        RequireOwnCredential(credentialRef);
        OpenedSecret opened;
        try
        {
            opened = _opener!.Open(envelope, credentialRef, version);
        }
        catch (SealedSecretRefusedException refused)
        {
            throw SealedSecretRejectedException.From(refused);
        }

        try
        {
            var fingerprint = await _secrets!.FingerprintAsync(opened.ToPlaintextString());
            _prepared!.Hold(credentialRef, version, opened);
            return new PreparedDelivery(credentialRef.ToString(), version, fingerprint);
        }
        catch
        {
            opened.Dispose();
            throw;
        }
    }

    public async Task<SecretDelivery> CommitDeliveryAsync(CredentialRef credentialRef, int version)
    {
        RequireOwnCredential(credentialRef);
        string fingerprint = "";
        await WithHostGateAsync(async () =>
        {
            if (!_prepared!.TryTake(credentialRef, version, out var held))
            {
                throw new DeliveryNotPreparedException(credentialRef.ToString(), version);
            }

            using (var opened = held)
            {
                fingerprint = await _credentials!.StoreAsync(credentialRef, opened.ToPlaintextString(), _workspace!.Catalog);
            }

            await SaveManagedConfigAsync();
        });
        LogDelivered(logger, credentialRef.ToString(), version, fingerprint);
        return new SecretDelivery(credentialRef.ToString(), version, fingerprint, _credentials!.ReloadPending);
    }

    public Task AbandonDeliveryAsync(CredentialRef credentialRef, int version)
    {
        RequireOwnCredential(credentialRef);
        _prepared!.Drop(credentialRef, version);
        return Task.CompletedTask;
    }

    public async Task WithdrawAsync(CredentialRef credentialRef)
    {
        RequireOwnCredential(credentialRef);
        var present = false;
        await WithHostGateAsync(async () =>
        {
            present = _secrets!.Contains(StoredKeyAddress.Of(credentialRef));
            await _credentials!.WithdrawAsync(credentialRef, _workspace!.Catalog);
            await SaveManagedConfigAsync();
        });
        LogWithdrawn(logger, credentialRef.ToString(), present);
    }

    /// <summary>One pass of the workspace loop, then the config brought in step if the catalog moved or it lags.</summary>
    private async Task TickAsync()
    {
        _prepared!.DropExpired();
        await _workspace!.RunOnceAsync(_cluster!);
        _ticksSinceReconcile++;
        if (_workspace.CatalogVersion != _reconciledCatalogVersion
            || (_credentials!.ConfigOutOfStep && _ticksSinceReconcile >= ReconcileRetryTicks))
        {
            _reconciledCatalogVersion = _workspace.CatalogVersion;
            _ticksSinceReconcile = 0;
            await WithHostGateAsync(async () =>
            {
                await _credentials!.ReconcileAsync(_workspace.Catalog);
                await SaveManagedConfigAsync();
            });
        }
    }

    private async Task WithHostGateAsync(Func<Task> work)
    {
        await _hostGate.WaitAsync();
        try
        {
            await work();
        }
        finally
        {
            _hostGate.Release();
        }
    }

    private async Task SaveManagedConfigAsync()
    {
        List<ManagedConfigKey> managed = [.. _credentials!.Managed.Select(ManagedConfigKey.Of)];
        if (!managed.SequenceEqual(state.State.ManagedConfig))
        {
            state.State.ManagedConfig = managed;
            await state.WriteStateAsync();
        }
    }

    /// <summary>Only this host's account and runtime; anything else reads as unknown.</summary>
    private void RequireOwnCredential(CredentialRef credentialRef)
    {
        if (!string.Equals(credentialRef.Runtime, RuntimeId, StringComparison.Ordinal)
            || !string.Equals(credentialRef.Account, Host.AccountId, StringComparison.Ordinal))
        {
            throw new ResourceNotFoundException("credential", credentialRef.ToString());
        }
    }

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

    /// <summary>
    /// A host that cannot register (e.g. <c>RUNTIME_ACCOUNT</c> names no account) is bound nowhere; listing it in the
    /// fleet index lets platform admins see it and its registration error. Best effort: registration is retried anyway.
    /// </summary>
    private async Task ListUnregisteredHostAsync()
    {
        try
        {
            await GrainFactory.FleetIndex().RecordHostAsync(RuntimeId);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogFleetIndexFailed(logger, error, RuntimeId);
        }
    }

    private RuntimeStatus Status() => new(
        RuntimeId,
        Host.AccountId,
        localSilo.SiloAddress.ToString(),
        state.State.HostName ?? Environment.MachineName,
        _activatedAt,
        state.State.RegisteredAt,
        _registrationError);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {CredentialRef} version {Version} on the host (fingerprint {Fingerprint})")]
    private static partial void LogDelivered(ILogger logger, string credentialRef, int version, string fingerprint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Withdrew {CredentialRef} from the host (was present: {Removed})")]
    private static partial void LogWithdrawn(ILogger logger, string credentialRef, bool removed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runtime {RuntimeId} could not register with account {AccountId}")]
    private static partial void LogRegistrationFailed(ILogger logger, Exception error, string runtimeId, string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runtime {RuntimeId} could not be listed in the fleet index")]
    private static partial void LogFleetIndexFailed(ILogger logger, Exception error, string runtimeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runtime {RuntimeId} moved from account {Previous} to {Current}")]
    private static partial void LogAccountChanged(ILogger logger, string runtimeId, string previous, string current);
}
