using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Serialization;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Fleet;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Contracts.Sealing;
using SkillsOrleans.Grains.Placement;
using SkillsOrleans.Grains.Telemetry;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.RuntimeHost;
using SkillsOrleans.RuntimeHost.Requests;
using SkillsOrleans.RuntimeHost.Sealing;
using SkillsOrleans.RuntimeHost.Secrets;
using SkillsOrleans.Sealing;

namespace SkillsOrleans.Grains.Runtimes;

/// <summary>
/// The runtime host's grain. Host-pinned, so it drives its host's parts (workspace loop, secret file, sealing key,
/// openclaw.json, gateway reload), which the silo registered once (<c>AddRuntimeHost</c>) and this grain borrows.
/// On start it registers with its account.
/// </summary>
[RuntimeHostPlacement]
[GrainType("runtime")] // pinned: persisted state is keyed by grain type name
public sealed partial class RuntimeGrain(
    [PersistentState(RuntimeGrain.StateName, GrainStorageNames.State)] IPersistentState<RuntimeState> state,
    RuntimeHostServices host,
    ILocalSiloDetails localSilo,
    IHostApplicationLifetime lifetime,
    DeactivationNotices deactivationNotices,
    DeepCopier copier,
    TimeProvider clock,
    ILogger<RuntimeGrain> logger) : Grain, IRuntimeGrain
{
    /// <summary>The name of this grain's state, which the runtime silos' database role may read and write.</summary>
    public const string StateName = "runtime";

    private static readonly TimeSpan SyncTick = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ReloadTick = TimeSpan.FromSeconds(1);
    private const int ReconcileRetryTicks = 20; // an out-of-step config is retried every 5 seconds

    private DateTimeOffset _activatedAt;
    private string? _registrationError;
    private WorkspaceClusterLink? _cluster;
    private HostReconciler? _reconciler;
    private RuntimeReporter? _reporter;
    private int _reconciledCatalogVersion = -1;
    private int _ticksSinceReconcile;
    private CancellationToken _deactivating;

    private string RuntimeId => this.GetPrimaryKeyString();

    private RuntimeHostOptions Host => host.Options;

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
        await host.OpenAsync(cancellationToken);
        host.Credentials.Restore([.. state.State.ManagedConfig.Select(m => m.ToEntry(Host.AccountId))]);
        // Cancelled as soon as Orleans begins to deactivate this grain, which it may do at any time (when the silo holding
        // its grain directory entry stops, for one): the interleaved passes below then stop waiting on calls that
        // call back into this grain, which Orleans holds until the passes have stopped.
        _deactivating = deactivationNotices.Watch(GrainContext);
        _cluster = new WorkspaceClusterLink(GrainFactory, Host.AccountId, RuntimeId, _deactivating);
        _reporter = new RuntimeReporter(GrainFactory, clock, logger);

        // The workspace pass calls other grains (the account takes the catalog and the request files), and the account
        // may at that moment be waiting on a delivery to this grain: run inside one of this grain's non-interleaved
        // turns, the two would wait on each other. So the pass runs interleaved. It touches only the workspace loop
        // (whose state only this timer changes), the prepared deliveries (locked) and this link, never grain state.
        // It is also the runtime's heartbeat: it keeps this activation alive for as long as its silo runs.
        this.RegisterGrainTimer(
            _ => WorkspacePassAsync(),
            new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = SyncTick, Interleave = true, KeepAlive = true });

        // Comparing the secret file with the cluster's credentials calls credential grains, which call back into this
        // grain (to read a fingerprint, or to withdraw): interleaved for the same reason as the workspace pass.
        // Orleans cancels a timer's token only once the activation's running work is done, and a call back into a
        // deactivating grain waits for that: a pass under way when the silo stops would hold the stop until Orleans'
        // deactivation limit (30 s). So the pass also stops, mid-call, when the host begins to shut down or Orleans
        // begins to deactivate this grain.
        _reconciler = new HostReconciler(GrainFactory, host, RuntimeId, clock, logger);
        this.RegisterGrainTimer(
            async cancellation =>
            {
                using var pass = CancellationTokenSource.CreateLinkedTokenSource(cancellation, lifetime.ApplicationStopping, _deactivating);
                await _reconciler.RunPassAsync(pass.Token);
            },
            new GrainTimerCreationOptions
            {
                DueTime = Host.ReconcileInterval == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : ReloadTick,
                Period = Host.ReconcileInterval,
                Interleave = true,
                KeepAlive = true,
            });

        // Bringing openclaw.json in step persists what it manages in this grain's state, so it runs as a turn of its
        // own, one at a time with deliveries, withdrawals and registration: every call waits behind a long one, so it is
        // watched as the calls are (the silo's filter cannot tell this tick from the interleaved ones).
        var configTurn = new SlowTurnWatch(logger, SlowTurnWatch.DefaultThreshold);
        this.RegisterGrainTimer(
            _ => configTurn.RunAsync(RuntimeId, "bringing openclaw.json in step (timer)", ReconcileIfNeededAsync),
            new GrainTimerCreationOptions { DueTime = SyncTick, Period = SyncTick, Interleave = false, KeepAlive = true });

        // A reload attempt may wait seconds for an unreachable gateway; it runs interleaved so it never holds up
        // deliveries or health. The coordinator is thread-safe and touches nothing else of the grain.
        this.RegisterGrainTimer(
            _ => host.Credentials.RunPendingReloadAsync(),
            new GrainTimerCreationOptions { DueTime = ReloadTick, Period = ReloadTick, Interleave = true, KeepAlive = true });
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The host's parts are the silo's, not this activation's: they stay for the next activation and go with the silo.
        SkillsOrleansTelemetry.RuntimeDeactivated(RuntimeId);
        deactivationNotices.Forget(GrainContext);
        _reporter?.ReportStopped(Health());
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
            await ListUnregisteredHostAsync();
        }

        return Status();
    }

    public Task<RuntimeStatus> GetStatusAsync() => Task.FromResult(Status());

    public Task<RuntimeHealth> GetHealthAsync() => Task.FromResult(Health());

    private RuntimeHealth Health()
    {
        var store = host.Secrets.Status;
        var workspace = host.Workspace.Status();
        var config = host.Credentials.ConfigStatus();
        var reload = host.Credentials.ReloadHealth();
        return new RuntimeHealth(
            Status(),
            new SkillSyncHealth(
                Running: true, workspace.LastSyncAt, workspace.LastError, workspace.Skills, workspace.BrokenSkills,
                workspace.PendingRequests, workspace.FailedRequests),
            new SecretStoreHealth(store.State.ToString().ToLowerInvariant(), store.Path, store.Entries, store.Error),
            host.SealingKey.Fingerprint,
            new OpenClawConfigHealth(
                config.InStep ? "in-step" : "out-of-step", config.Path, config.LastAppliedAt, config.ManagedKeys, config.LastError),
            new GatewayReloadStatus(
                reload.State.ToString().ToLowerInvariant(), reload.Reason, reload.PendingSince, reload.NextAttemptAt,
                reload.LastSuccessAt, reload.LastError, reload.Attempts, reload.WarningCount, reload.FallbackUsed),
            _reconciler?.Health ?? ReconciliationHealth.NotRun(null));
    }

    public Task<SealingPublicKey> GetSealingKeyAsync() => Task.FromResult(host.SealingKey.PublicKey);

    public async Task<PreparedDelivery> PrepareDeliveryAsync(CredentialRef credentialRef, int version, SealedSecretEnvelope envelope)
    {
        RequireOwnCredential(credentialRef);
        var steps = SkillsOrleansTelemetry.DeliverySteps();
        OpenedSecret opened;
        try
        {
            opened = host.Opener.Open(envelope, credentialRef, version);
            steps.Mark("host.open");
        }
        catch (SealedSecretRefusedException refused)
        {
            throw SealedSecretRejectedException.From(refused);
        }

        try
        {
            var fingerprint = await host.Secrets.FingerprintAsync(opened.ToPlaintextString());
            steps.Mark("host.fingerprint");
            host.Prepared.Hold(credentialRef, version, opened);
            return new PreparedDelivery(credentialRef.ToString(), version, fingerprint);
        }
        catch
        {
            opened.Dispose();
            throw;
        }
    }

    public Task<IReadOnlyList<HostConfigKey>> ListUnmanagedConfigKeysAsync() =>
        Task.FromResult<IReadOnlyList<HostConfigKey>>([.. host.Credentials.FindUnmanagedConfigKeys(host.Workspace.Catalog).Select(k => new HostConfigKey(k.SkillKey, k.KeyName))]);

    public async Task<PreparedDelivery?> PrepareImportAsync(CredentialRef credentialRef, int version)
    {
        RequireOwnCredential(credentialRef);
        if (host.Credentials.ReadUnmanagedConfigValue(credentialRef, host.Workspace.Catalog) is not { } found)
        {
            return null;
        }

        try
        {
            var fingerprint = await host.Secrets.FingerprintAsync(found.ToPlaintextString());
            host.Prepared.Hold(credentialRef, version, found);
            return new PreparedDelivery(credentialRef.ToString(), version, fingerprint);
        }
        catch
        {
            found.Dispose();
            throw;
        }
    }

    public async Task<SecretDelivery> CommitDeliveryAsync(CredentialRef credentialRef, int version)
    {
        RequireOwnCredential(credentialRef);
        if (!host.Prepared.TryTake(credentialRef, version, out var held))
        {
            throw new DeliveryNotPreparedException(credentialRef.ToString(), version);
        }

        var steps = SkillsOrleansTelemetry.DeliverySteps();
        string fingerprint;
        using (var opened = held)
        {
            fingerprint = await host.Credentials.StoreAsync(credentialRef, opened.ToPlaintextString(), host.Workspace.Catalog);
        }

        steps.Mark("host.store");
        await SaveManagedConfigAsync();
        steps.Mark("host.managed_state");
        LogDelivered(logger, credentialRef.ToString(), version, fingerprint);
        return new SecretDelivery(credentialRef.ToString(), version, fingerprint, host.Credentials.ReloadPending);
    }

    public Task AbandonDeliveryAsync(CredentialRef credentialRef, int version)
    {
        RequireOwnCredential(credentialRef);
        host.Prepared.Drop(credentialRef, version);
        return Task.CompletedTask;
    }

    public async Task WithdrawAsync(CredentialRef credentialRef)
    {
        RequireOwnCredential(credentialRef);
        var present = host.Secrets.Contains(StoredKeyAddress.Of(credentialRef));
        await host.Credentials.WithdrawAsync(credentialRef, host.Workspace.Catalog);
        await SaveManagedConfigAsync();
        LogWithdrawn(logger, credentialRef.ToString(), present);
    }

    public Task NoteRequestDecisionAsync(CredentialRef credentialRef, string? declineReason, DateTimeOffset decidedAt)
    {
        RequireOwnCredential(credentialRef);
        // The main workspace first: another agent's workspace that cannot take the note stops only the ones after it,
        // and the next reconciliation pass writes those.
        foreach (var notes in host.Workspace.AllDecisionNotes())
        {
            if (declineReason is null)
            {
                notes.Clear(credentialRef.SkillKey, credentialRef.KeyName);
            }
            else
            {
                notes.NoteDeclined(new DeclinedRequest(credentialRef.SkillKey, credentialRef.KeyName, declineReason, decidedAt));
            }
        }

        return Task.CompletedTask;
    }

    public async Task<StoredKeyObservation> InspectStoredAsync(CredentialRef credentialRef)
    {
        RequireOwnCredential(credentialRef);
        return host.Secrets.TryGet(StoredKeyAddress.Of(credentialRef), out var value)
            ? new StoredKeyObservation(true, await host.Secrets.FingerprintAsync(value))
            : StoredKeyObservation.Absent;
    }

    /// <summary>One pass of the workspace loop (interleaved; see <see cref="OnActivateAsync"/>).</summary>
    private async Task WorkspacePassAsync()
    {
        host.Prepared.DropExpired();
        try
        {
            await host.Workspace.RunOnceAsync(_cluster!);
        }
        catch (OperationCanceledException) when (_deactivating.IsCancellationRequested)
        {
            return; // abandoned mid-call (see OnActivateAsync); what it had not done, the next activation's pass does
        }

        _reporter!.ReportIfDue(Health());
    }

    /// <summary>The config brought in step when the published catalog moved, or retried while it lags.</summary>
    private async Task ReconcileIfNeededAsync()
    {
        _ticksSinceReconcile++;
        var catalogVersion = host.Workspace.CatalogVersion;
        if (catalogVersion != _reconciledCatalogVersion
            || (host.Credentials.ConfigOutOfStep && _ticksSinceReconcile >= ReconcileRetryTicks))
        {
            _reconciledCatalogVersion = catalogVersion;
            _ticksSinceReconcile = 0;
            await host.Credentials.ReconcileAsync(host.Workspace.Catalog);
            await SaveManagedConfigAsync();
        }
    }

    private async Task SaveManagedConfigAsync()
    {
        List<ManagedConfigKey> managed = [.. host.Credentials.Managed.Select(ManagedConfigKey.Of)];
        if (!managed.SequenceEqual(state.State.ManagedConfig))
        {
            // Pinned to its host, this activation stays after a failed write; the next reconcile tries again.
            await state.ChangeAsync(copier, runtime => runtime.ManagedConfig = managed);
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

        await state.ChangeAsync(copier, runtime =>
        {
            runtime.AccountId = Host.AccountId;
            runtime.RegisteredAt = clock.GetUtcNow();
            runtime.HostName = hostName;
        });
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
