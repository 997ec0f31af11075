using Microsoft.Extensions.Logging;
using SkillsOrleans.Contracts.Audit;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Grains.Telemetry;

namespace SkillsOrleans.Grains.Credentials;

/// <summary>The credential's half of reconciliation: compare with the host in this grain's turn, repair by <see cref="HostDriftRules"/>.</summary>
public sealed partial class CredentialGrain
{
    private bool _unknownReported;

    public async Task<HostDrift> ReconcileWithHostAsync()
    {
        await RequireBoundRuntimeAsync(_ref.Account);
        var host = await Runtime.InspectStoredAsync(_ref);
        var current = state.State.Current;
        var drift = HostDriftRules.Decide(current, host);
        if (drift != HostDrift.UnknownToCluster)
        {
            _unknownReported = false;
        }

        var reconciler = CredentialAudit.Reconciler(_ref.Runtime);
        var now = clock.GetUtcNow();
        switch (drift)
        {
            case HostDrift.InStep:
                // The account's index may have missed this credential's last report (its retry timer dies with the
                // activation's silo): the index takes only a newer snapshot, so an index in step costs no write.
                if (current is not null)
                {
                    await ReportToIndexAsync(current);
                }

                return drift;

            case HostDrift.UnknownToCluster:
                // Reported once per activation, not on every pass: the entry says it is left in place.
                if (!_unknownReported)
                {
                    await _audit.RecordAttemptAsync(reconciler.Refused(
                        AuditActions.CredentialReconciled, _ref, null, host.Fingerprint,
                        "the host holds a value no credential records; it is left in place"));
                    _unknownReported = true;
                }

                break;

            case HostDrift.WithdrewFromHost:
                await _audit.RecordChangeAsync(reconciler.Accepted(AuditActions.CredentialReconciled, _ref, current!.Version, null)
                    with { Reason = $"the credential is {current.Status.ToString().ToLowerInvariant()} but its host still held a value: withdrawn" });
                await Runtime.WithdrawAsync(_ref);
                break;

            case HostDrift.RecordedAsRevoked:
            {
                var next = current! with { Status = CredentialStatus.Revoked, Fingerprint = null, UpdatedBy = reconciler.Actor, UpdatedAt = now };
                await _audit.RecordChangeAsync(reconciler.Accepted(AuditActions.CredentialReconciled, _ref, next.Version, null)
                    with { Reason = "the host no longer holds the value: recorded as revoked; an agent's request asks for it again" });
                // Nothing to remove from the secret file, but openclaw.json may still point at the value, and the
                // gateway may still hold it: a withdrawal brings both in step and asks for a reload.
                await Runtime.WithdrawAsync(_ref);
                await SaveAsync(next, credential => credential.DeliveredNonce = null);
                break;
            }

            case HostDrift.AdoptedHostValue:
            {
                var next = current! with
                {
                    Status = CredentialStatus.Active,
                    Version = current.NextVersion(),
                    Fingerprint = host.Fingerprint,
                    UpdatedBy = reconciler.Actor,
                    UpdatedAt = now,
                };
                await _audit.RecordChangeAsync(reconciler.Accepted(AuditActions.CredentialReconciled, _ref, next)
                    with { Reason = "the host holds a delivered value the cluster had not recorded: recorded as this version" });
                await SaveAsync(next, credential => credential.DeliveredNonce = null);
                break;
            }
        }

        SkillsOrleansTelemetry.HostDriftFound(drift);
        LogDrift(logger, _ref.ToString(), drift);
        return drift;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Credential {CredentialRef} and its host disagreed: {Drift}")]
    private static partial void LogDrift(ILogger logger, string credentialRef, HostDrift drift);
}
