using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Audit;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Contracts.Skills;
using SkillsOrleans.Grains.Audit;
using SkillsOrleans.Grains.Events;
using SkillsOrleans.Grains.Telemetry;
using SkillsOrleans.Model;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.RuntimeHost.Diagnostics;

namespace SkillsOrleans.Grains.Credentials;

/// <summary>
/// Orders every change to one credential (a grain handles one call at a time) and persists it before answering,
/// so an acknowledged change is durable and a concurrent submission sees the version it has to beat. Each change
/// is written to the audit trail before it is made, and refused if that row cannot be written; refused and failed
/// attempts are recorded too.
/// </summary>
[GrainType("credential")] // pinned: persisted state is keyed by grain type name
public sealed partial class CredentialGrain(
    [PersistentState("credential", GrainStorageNames.State)] IPersistentState<CredentialState> state,
    IAuditTrail auditTrail,
    DeepCopier copier,
    TimeProvider clock,
    ILogger<CredentialGrain> logger) : Grain, ICredentialGrain
{
    private static readonly TimeSpan IndexRetryPeriod = TimeSpan.FromSeconds(5);
    private const string SubmitOperation = "submit";
    private const string RevokeOperation = "revoke";

    private CredentialRef _ref;
    private IGrainTimer? _indexRetry;
    private AuditRecorder _audit = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ref = CredentialRef.Parse(this.GetPrimaryKeyString());
        _audit = new AuditRecorder(auditTrail, AccountEventPublisher.For(ServiceProvider, logger), clock, logger);
        return Task.CompletedTask;
    }

    public async Task<CredentialSnapshot?> GetAsync(string accountId)
    {
        await RequireBoundRuntimeAsync(accountId);
        return state.State.Current;
    }

    public async Task<CredentialRequestResult> RequestAsync(string accountId, CredentialRequest request)
    {
        await RequireBoundRuntimeAsync(accountId);
        await RequireAccountTakesRequestsAsync();
        var agent = CredentialAudit.Agent(request.AgentId, _ref.Runtime);
        CredentialRequestResult result;
        try
        {
            result = CredentialLifecycle.Request(_ref, state.State.Current, request, clock.GetUtcNow());
        }
        catch (Exception refused) when (refused is ArgumentException or CredentialConflictException)
        {
            await _audit.RecordAttemptAsync(agent.Refused(AuditActions.CredentialRequested, _ref, refused));
            throw;
        }

        var changes = result.Outcome is RequestOutcome.Created or RequestOutcome.Reopened;
        await _audit.RecordChangeAsync(agent.Accepted(AuditActions.CredentialRequested, _ref, result.Credential)
            with { Reason = changes ? request.Reason : $"already {result.Credential.Status.ToString().ToLowerInvariant()}" });
        if (changes)
        {
            await SaveAsync(result.Credential);
        }
        else
        {
            // Reported even when nothing changed: a repeated request repairs an index that missed a report.
            await ReportToIndexAsync(result.Credential);
        }

        return result;
    }

    public async Task<CredentialRequestResult> ProvisionAsync(string accountId, CredentialProvision provision)
    {
        ArgumentNullException.ThrowIfNull(provision);
        await RequireBoundRuntimeAsync(accountId);
        var admin = CredentialAudit.User(provision.Actor);
        var current = state.State.Current;
        CredentialRequestResult result;
        try
        {
            await RequireDeclaredByInstalledSkillAsync(current);
            result = CredentialLifecycle.Provision(_ref, current, provision, clock.GetUtcNow());
        }
        catch (CredentialConflictException refused)
        {
            await _audit.RecordAttemptAsync(admin.Refused(AuditActions.CredentialRequested, _ref, refused));
            throw;
        }

        if (result.Outcome is RequestOutcome.AlreadyPending or RequestOutcome.AlreadyActive)
        {
            return result;
        }

        var opened = result.Credential;
        await _audit.RecordChangeAsync(admin.Accepted(AuditActions.CredentialRequested, _ref, opened) with { Reason = opened.RequestReason });
        await SaveAsync(opened);
        if (current is { Status: CredentialStatus.Declined })
        {
            await NoteDecisionOnHostAsync(opened);
        }

        return result;
    }

    public async Task<CredentialSnapshot> DeclineAsync(string accountId, CredentialDecline decline)
    {
        ArgumentNullException.ThrowIfNull(decline);
        await RequireBoundRuntimeAsync(accountId);
        var admin = CredentialAudit.User(decline.Actor);
        CredentialSnapshot next;
        try
        {
            next = CredentialLifecycle.Decline(_ref, state.State.Current, decline, clock.GetUtcNow());
        }
        catch (Exception refused) when (refused is ArgumentException or CredentialConflictException)
        {
            await _audit.RecordAttemptAsync(admin.Refused(AuditActions.CredentialDeclined, _ref, refused));
            throw;
        }

        await _audit.RecordChangeAsync(admin.Accepted(AuditActions.CredentialDeclined, _ref, next) with { Reason = next.DeclineReason });
        await SaveAsync(next);
        await NoteDecisionOnHostAsync(next);
        return next;
    }

    public async Task<CredentialSnapshot> ImportFromHostAsync(string accountId, CredentialImport import)
    {
        ArgumentNullException.ThrowIfNull(import);
        await RequireBoundRuntimeAsync(accountId);
        var admin = CredentialAudit.User(import.Actor);
        var current = state.State.Current;
        var now = clock.GetUtcNow();
        CredentialSnapshot opened;
        try
        {
            if (current is { Status: CredentialStatus.Active })
            {
                throw new CredentialConflictException(_ref.ToString(), CredentialConflictKind.IllegalTransition, current.Status, current.Version,
                    $"Cannot import credential '{_ref}': it is active already; rotate it to replace its value.");
            }

            await RequireDeclaredByInstalledSkillAsync(current);
            opened = current is { Status: CredentialStatus.Pending }
                ? current
                : CredentialLifecycle.Provision(_ref, current, new CredentialProvision(import.Actor), now).Credential
                    with { RequestReason = $"imported from the host's openclaw.json by {import.Actor}" };
        }
        catch (CredentialConflictException refused)
        {
            await _audit.RecordAttemptAsync(admin.Refused(AuditActions.CredentialSubmitted, _ref, refused));
            throw;
        }

        var version = opened.NextVersion();
        var prepared = await AttemptOnHostAsync(admin, AuditActions.CredentialSubmitted, version, () => Runtime.PrepareImportAsync(_ref, version));
        if (prepared is null)
        {
            var nothing = new CredentialConflictException(_ref.ToString(), CredentialConflictKind.IllegalTransition, current?.Status, current?.Version ?? 0,
                $"Cannot import credential '{_ref}': openclaw.json on {_ref.Runtime} holds no value for it outside management.");
            await _audit.RecordAttemptAsync(admin.Refused(AuditActions.CredentialSubmitted, _ref, nothing));
            throw nothing;
        }

        try
        {
            await _audit.RecordChangeAsync(admin.Accepted(AuditActions.CredentialSubmitted, _ref, version, prepared.Fingerprint)
                with { Reason = "imported from the host's openclaw.json; the value stayed on the host" });
        }
        catch
        {
            await Runtime.AbandonDeliveryAsync(_ref, version);
            throw;
        }

        var delivery = await AttemptOnHostAsync(admin, AuditActions.CredentialSubmitted, version, () => Runtime.CommitDeliveryAsync(_ref, version));
        var next = CredentialLifecycle.Activate(_ref, opened, new CredentialActivation(import.Actor, delivery.Fingerprint, null), now);
        await SaveAsync(next);
        if (current is { Status: CredentialStatus.Declined })
        {
            await NoteDecisionOnHostAsync(next);
        }

        return next;
    }

    public async Task<CredentialSnapshot> ActivateAsync(string accountId, CredentialActivation activation)
    {
        await RequireBoundRuntimeAsync(accountId);
        var current = state.State.Current;
        var actor = CredentialAudit.User(activation.Actor);
        var action = DeliveryAction(current);
        CredentialSnapshot next;
        try
        {
            next = CredentialLifecycle.Activate(_ref, current, activation, clock.GetUtcNow());
        }
        catch (Exception refused) when (refused is ArgumentException or CredentialConflictException)
        {
            await _audit.RecordAttemptAsync(actor.Refused(action, _ref, refused));
            throw;
        }

        await _audit.RecordChangeAsync(actor.Accepted(action, _ref, next));
        await SaveAsync(next);
        return next;
    }

    /// <summary>
    /// Prepare on the host (the value is opened and fingerprinted, nothing stored), record, commit, persist. A row
    /// that cannot be written drops the prepared value, so the host never holds a change the trail does not show.
    /// </summary>
    public async Task<CredentialSnapshot> SubmitAsync(string accountId, CredentialSubmission submission)
    {
        var steps = SkillsOrleansTelemetry.DeliverySteps();
        await RequireBoundRuntimeAsync(accountId);
        steps.Mark("authorize");
        using var span = SkillsOrleansTelemetry.Activities.StartActivity("credential.submit")?.SetTag("skillsorleans.credential_ref", _ref.ToString());
        var current = state.State.Current;
        var actor = CredentialAudit.User(submission.Actor);
        if (Repeated(submission, actor) is { } original)
        {
            await ReportRepeatedAsync();
            return original;
        }

        var action = DeliveryAction(current);
        int version;
        try
        {
            version = CredentialLifecycle.NextDeliveryVersion(_ref, current, submission.ExpectedVersion);
        }
        catch (CredentialConflictException refused)
        {
            await _audit.RecordAttemptAsync(actor.Refused(action, _ref, refused));
            throw;
        }

        var prepared = await AttemptOnHostAsync(actor, action, version,
            () => Runtime.PrepareDeliveryAsync(_ref, version, submission.SealedSecret));
        steps.Mark("prepare");
        try
        {
            await _audit.RecordChangeAsync(actor.Accepted(action, _ref, version, prepared.Fingerprint));
            steps.Mark("audit");
        }
        catch
        {
            await Runtime.AbandonDeliveryAsync(_ref, version);
            throw;
        }

        CrashPoints.Reach(CrashPoints.CredentialAfterAudit);
        var delivery = await AttemptOnHostAsync(actor, action, version, () => Runtime.CommitDeliveryAsync(_ref, version));
        steps.Mark("commit");
        CrashPoints.Reach(CrashPoints.CredentialAfterHostCommit);
        var next = CredentialLifecycle.Activate(
            _ref, current, new CredentialActivation(submission.Actor, delivery.Fingerprint, submission.ExpectedVersion), clock.GetUtcNow());
        await SaveAsync(next, credential =>
        {
            credential.DeliveredNonce = submission.SealedSecret.Nonce;
            credential.Remember(submission.IdempotencyKey, actor.Actor, SubmitOperation, next);
        }, steps);
        CrashPoints.Reach(CrashPoints.CredentialAfterSave);
        return next;
    }

    public async Task<CredentialSnapshot> RevokeAsync(string accountId, CredentialRevocation revocation)
    {
        await RequireBoundRuntimeAsync(accountId);
        using var span = SkillsOrleansTelemetry.Activities.StartActivity("credential.revoke")?.SetTag("skillsorleans.credential_ref", _ref.ToString());
        var current = state.State.Current;
        var actor = CredentialAudit.User(revocation.Actor);
        if (state.State.AnswerFor(CheckedKey(revocation.IdempotencyKey), actor.Actor, RevokeOperation) is { } original)
        {
            await ReportRepeatedAsync();
            return original;
        }

        CredentialSnapshot next;
        try
        {
            next = CredentialLifecycle.Revoke(_ref, current, revocation, clock.GetUtcNow());
        }
        catch (CredentialConflictException refused)
        {
            await _audit.RecordAttemptAsync(actor.Refused(AuditActions.CredentialRevoked, _ref, refused));
            throw;
        }

        await _audit.RecordChangeAsync(actor.Accepted(AuditActions.CredentialRevoked, _ref, current!.Version, current.Fingerprint));
        await AttemptOnHostAsync(actor, AuditActions.CredentialRevoked, current.Version, async () =>
        {
            await Runtime.WithdrawAsync(_ref);
            return true;
        });
        CrashPoints.Reach(CrashPoints.CredentialRevokeAfterWithdraw);
        await SaveAsync(next, credential => credential.Remember(revocation.IdempotencyKey, actor.Actor, RevokeOperation, next));
        CrashPoints.Reach(CrashPoints.CredentialRevokeAfterSave);
        return next;
    }

    private IRuntimeGrain Runtime => GrainFactory.GetGrain<IRuntimeGrain>(_ref.Runtime);

    /// <summary>
    /// Tells the runtime host to note the decline for its agents, or to drop the note once the key is open again. The
    /// decision stands whatever the host answers: the cluster is the record, and the host's next reconciliation pass
    /// brings its notes in step when it could not be reached now (offline, say).
    /// </summary>
    private async Task NoteDecisionOnHostAsync(CredentialSnapshot credential)
    {
        try
        {
            await Runtime.NoteRequestDecisionAsync(
                _ref, credential.Status == CredentialStatus.Declined ? credential.DeclineReason : null, credential.UpdatedAt);
        }
        catch (Exception error)
        {
            LogDecisionNotNoted(logger, error, _ref.ToString());
        }
    }

    /// <summary>A value for an active credential replaces one: a rotation. Otherwise it is a first (or renewed) submission.</summary>
    private static string DeliveryAction(CredentialSnapshot? current) =>
        current is { Status: CredentialStatus.Active } ? AuditActions.CredentialRotated : AuditActions.CredentialSubmitted;

    /// <summary>Runs a step on the runtime host; a step that fails is recorded (rejected envelope, host offline…) and rethrown.</summary>
    private async Task<T> AttemptOnHostAsync<T>(CredentialAudit actor, string action, int version, Func<Task<T>> step)
    {
        try
        {
            return await step();
        }
        catch (Exception error) when (error is not AuditWriteException)
        {
            await _audit.RecordAttemptAsync(actor.Failed(action, _ref, version, error));
            throw;
        }
    }

    /// <summary>
    /// The answer a repeat of a submission that succeeded gets: the original result for the same idempotency key,
    /// or the credential as it stands when the same envelope already made its current version. Null for a new one.
    /// </summary>
    private CredentialSnapshot? Repeated(CredentialSubmission submission, CredentialAudit actor)
    {
        if (state.State.AnswerFor(CheckedKey(submission.IdempotencyKey), actor.Actor, SubmitOperation) is { } original)
        {
            return original;
        }

        var current = state.State.Current;
        return current is { Status: CredentialStatus.Active }
            && current.Version == submission.SealedSecret.Version
            && string.Equals(state.State.DeliveredNonce, submission.SealedSecret.Nonce, StringComparison.Ordinal)
            ? current
            : null;
    }

    /// <summary>
    /// A repeat usually follows a lost answer, and the silo that lost it may have taken the index report's retry
    /// with it: report again (a no-op for an index in step).
    /// </summary>
    private Task ReportRepeatedAsync() =>
        state.State.Current is { } current ? ReportToIndexAsync(current) : Task.CompletedTask;

    private static string? CheckedKey(string? key) =>
        key is null || IdempotencyKeys.IsValid(key)
            ? key
            : throw new ArgumentException("An Idempotency-Key is 1–255 visible ASCII characters.", nameof(key));

    private async Task SaveAsync(CredentialSnapshot next, Action<CredentialState>? alongside = null, StepTimer? steps = null)
    {
        // Not durable, so not acknowledged: a failed write leaves memory as it was and drops this activation.
        await state.ChangeAsync(copier, credential =>
        {
            credential.Current = next;
            alongside?.Invoke(credential);
        }, this.DeactivateOnIdle);
        steps?.Mark("save");

        LogChanged(logger, next.CredentialRef, next.Status, next.Version, next.Fingerprint);
        await ReportToIndexAsync(next);
        steps?.Mark("index");
    }

    /// <summary>
    /// Tells the account's index about a durable change. The change stands whatever the index answers, so a failed
    /// report is not the caller's error: it is retried from a timer until the account takes it.
    /// </summary>
    private async Task ReportToIndexAsync(CredentialSnapshot snapshot)
    {
        try
        {
            await GrainFactory.GetGrain<IAccountGrain>(_ref.Account).IndexCredentialAsync(snapshot);
            _indexRetry?.Dispose();
            _indexRetry = null;
        }
        catch (Exception error)
        {
            LogIndexFailed(logger, error, _ref.ToString());
            _indexRetry ??= this.RegisterGrainTimer(
                async () =>
                {
                    if (state.State.Current is { } current)
                    {
                        await ReportToIndexAsync(current);
                    }
                },
                new GrainTimerCreationOptions { DueTime = IndexRetryPeriod, Period = IndexRetryPeriod, KeepAlive = true });
        }
    }

    /// <summary>
    /// The ref must name the caller's account (<see cref="RequireOwnAccount"/>), and the runtime directory must bind
    /// its runtime to that account: a runtime moved to another tenant takes no credential calls for the old one.
    /// </summary>
    private async Task RequireBoundRuntimeAsync(string accountId)
    {
        RequireOwnAccount(accountId);
        var binding = await GrainFactory.GetGrain<IRuntimeDirectoryGrain>(_ref.Runtime).GetAsync();
        if (binding is null || !string.Equals(binding.AccountId, _ref.Account, StringComparison.Ordinal))
        {
            LogUnboundRuntime(logger, _ref.ToString());
            throw new ResourceNotFoundException("credential", _ref.ToString());
        }
    }

    /// <summary>
    /// An account whose skills feature is off takes no key requests (nor does its page show any). Not audited here: the
    /// runtime host records the refused file under the account as it sets it aside, once.
    /// </summary>
    private async Task RequireAccountTakesRequestsAsync()
    {
        if (!await AccountTakesRequestsAsync())
        {
            throw new CredentialRequestRefusedException(_ref.Account, NotTakingRequests);
        }
    }

    private const string NotTakingRequests = "the account does not take key requests now (its skills feature is off)";

    private async Task<bool> AccountTakesRequestsAsync() =>
        await GrainFactory.GetGrain<IAccountGrain>(_ref.Account).GetAsync() is { SkillsPocEnabled: true };

    /// <summary>
    /// Pre-provisioning is for what the runtime has installed: a skill in its catalog, readable, declaring this key;
    /// and only while the account takes key requests at all.
    /// </summary>
    private async Task RequireDeclaredByInstalledSkillAsync(CredentialSnapshot? current)
    {
        var takesRequests = await AccountTakesRequestsAsync();
        var catalog = await GrainFactory.GetGrain<IRuntimeCatalogGrain>(_ref.Runtime).GetAsync(_ref.Account);
        var declared = catalog?.Skills.Any(skill => string.Equals(skill.SkillKey, _ref.SkillKey, StringComparison.Ordinal)
            && skill.ParseError is null && skill.CredentialKeys().Contains(_ref.KeyName, StringComparer.Ordinal)) == true;
        var problem = !takesRequests ? NotTakingRequests
            : !declared ? $"runtime {_ref.Runtime} has no installed skill '{_ref.SkillKey}' declaring {_ref.KeyName}"
            : null;
        if (problem is not null)
        {
            throw new CredentialConflictException(_ref.ToString(), CredentialConflictKind.IllegalTransition, current?.Status, current?.Version ?? 0,
                $"cannot provide {_ref} ahead of a request: {problem}");
        }
    }

    /// <summary>A ref of another account reads as unknown, exactly like a ref that does not exist.</summary>
    private void RequireOwnAccount(string accountId)
    {
        if (!string.Equals(accountId, _ref.Account, StringComparison.Ordinal))
        {
            LogCrossTenant(logger, ResourceIds.Printable(accountId), _ref.ToString());
            throw new ResourceNotFoundException("credential", _ref.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Credential {CredentialRef} is {Status} at version {Version} (fingerprint {Fingerprint})")]
    private static partial void LogChanged(ILogger logger, string credentialRef, CredentialStatus status, int version, string? fingerprint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Credential {CredentialRef} changed but its account's index could not be told; retrying")]
    private static partial void LogIndexFailed(ILogger logger, Exception error, string credentialRef);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The decision on credential {CredentialRef} could not be noted on its host now; its next reconciliation pass does")]
    private static partial void LogDecisionNotNoted(ILogger logger, Exception error, string credentialRef);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused credential {CredentialRef}: its runtime is not bound to its account")]
    private static partial void LogUnboundRuntime(ILogger logger, string credentialRef);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused access to credential {CredentialRef} for account {AccountId}")]
    private static partial void LogCrossTenant(ILogger logger, string accountId, string credentialRef);
}
