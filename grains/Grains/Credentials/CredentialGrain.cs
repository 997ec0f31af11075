using Microsoft.Extensions.Logging;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Identifiers;
using SkillsOrleans.Contracts.Runtimes;

namespace SkillsOrleans.Grains.Credentials;

/// <summary>
/// Orders every change to one credential (a grain handles one call at a time) and persists it before answering,
/// so an acknowledged change is durable and a concurrent submission sees the version it has to beat.
/// </summary>
[GrainType("credential")] // pinned: persisted state is keyed by grain type name
public sealed partial class CredentialGrain(
    [PersistentState("credential", GrainStorageNames.State)] IPersistentState<CredentialState> state,
    TimeProvider clock,
    ILogger<CredentialGrain> logger) : Grain, ICredentialGrain
{
    private CredentialRef _ref;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ref = CredentialRef.Parse(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public Task<CredentialSnapshot?> GetAsync(string accountId)
    {
        RequireOwnAccount(accountId);
        return Task.FromResult(state.State.Current);
    }

    public async Task<CredentialRequestResult> RequestAsync(string accountId, CredentialRequest request)
    {
        RequireOwnAccount(accountId);
        var result = CredentialLifecycle.Request(_ref, state.State.Current, request, clock.GetUtcNow());
        if (result.Outcome is RequestOutcome.Created or RequestOutcome.Reopened)
        {
            await SaveAsync(result.Credential);
        }

        return result;
    }

    public async Task<CredentialSnapshot> ActivateAsync(string accountId, CredentialActivation activation)
    {
        RequireOwnAccount(accountId);
        var next = CredentialLifecycle.Activate(_ref, state.State.Current, activation, clock.GetUtcNow());
        await SaveAsync(next);
        return next;
    }

    public async Task<CredentialSnapshot> SubmitAsync(string accountId, CredentialSubmission submission)
    {
        RequireOwnAccount(accountId);
        ResourceIds.RequireSubject(submission.Actor);
        var current = state.State.Current;
        var version = CredentialLifecycle.NextDeliveryVersion(_ref, current, submission.ExpectedVersion);

        var delivery = await Runtime.DeliverAsync(_ref, version, submission.SealedSecret);

        var next = CredentialLifecycle.Activate(
            _ref, current, new CredentialActivation(submission.Actor, delivery.Fingerprint, submission.ExpectedVersion), clock.GetUtcNow());
        await SaveAsync(next);
        return next;
    }

    public async Task<CredentialSnapshot> RevokeAsync(string accountId, CredentialRevocation revocation)
    {
        RequireOwnAccount(accountId);
        var next = CredentialLifecycle.Revoke(_ref, state.State.Current, revocation, clock.GetUtcNow());
        await Runtime.WithdrawAsync(_ref);
        await SaveAsync(next);
        return next;
    }

    private IRuntimeGrain Runtime => GrainFactory.GetGrain<IRuntimeGrain>(_ref.Runtime);

    private async Task SaveAsync(CredentialSnapshot next)
    {
        var previous = state.State.Current;
        state.State.Current = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not durable, so not acknowledged: keep memory equal to what storage holds.
            state.State.Current = previous;
            throw;
        }

        LogChanged(logger, next.CredentialRef, next.Status, next.Version, next.Fingerprint);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused access to credential {CredentialRef} for account {AccountId}")]
    private static partial void LogCrossTenant(ILogger logger, string accountId, string credentialRef);
}
