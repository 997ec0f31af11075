using Microsoft.Extensions.Logging;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Grains.Telemetry;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.RuntimeHost;
using SkillsOrleans.RuntimeHost.Requests;

namespace SkillsOrleans.Grains.Runtimes;

/// <summary>
/// The runtime host's side of reconciliation: which credentials to compare (every value in the host's secret file,
/// and every credential the account's index lists on this runtime), and what the last pass found, for health and
/// metrics. The comparing and repairing is each credential grain's, in its own turn (<see cref="ICredentialGrain.ReconcileWithHostAsync"/>),
/// so it never races a submission or revocation of that credential.
/// <para>
/// A pass calls credential grains, which call back into this host's grain; it must run interleaved with the runtime
/// grain's turns (as the workspace pass does), never inside one.
/// </para>
/// </summary>
internal sealed partial class HostReconciler(
    IGrainFactory grains,
    RuntimeHostServices host,
    string runtimeId,
    TimeProvider clock,
    ILogger logger)
{
    private ReconciliationHealth _health = ReconciliationHealth.NotRun(null);

    public ReconciliationHealth Health => _health;

    /// <param name="cancellationToken">
    /// Cancelled when the runtime grain deactivates or its host begins to shut down. The pass then stops, abandoning
    /// the check under way (whose credential grain may be waiting to call back into the deactivating runtime grain),
    /// and leaves the last pass's health as it was, so a stop waits neither for hundreds of checks nor for that call.
    /// </param>
    public async Task RunPassAsync(CancellationToken cancellationToken = default)
    {
        var started = clock.GetUtcNow();
        var next = started + host.Options.ReconcileInterval;
        try
        {
            // A hand edit since the last write is seen now; a file that no longer parses faults the store, and every
            // check below then fails instead of reading "nothing on the host".
            await host.Secrets.ReloadAsync(CancellationToken.None); // short, and a stop waits for it anyway
            var indexed = await IndexedHereAsync(cancellationToken);
            var refs = CredentialsToCheck(indexed);
            LogPassStarted(logger, runtimeId, refs.Count);
            List<CredentialDriftEntry> drift = [];
            var failures = 0;
            string? lastError = null;
            foreach (var credentialRef in refs)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    LogPassInterrupted(logger, runtimeId);
                    return;
                }

                try
                {
                    var found = await grains.GetGrain<ICredentialGrain>(credentialRef.ToString()).ReconcileWithHostAsync().WaitAsync(cancellationToken);
                    if (found != HostDrift.InStep)
                    {
                        drift.Add(new CredentialDriftEntry(credentialRef.ToString(), SkillsOrleansTelemetry.DriftName(found)));
                    }
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    failures++;
                    lastError = error.GetType().Name;
                    LogCheckFailed(logger, error, credentialRef.ToString());
                }
            }

            NoteDeclinedRequests(indexed);
            _health = new ReconciliationHealth(StateOf(drift, failures), started, next, refs.Count, drift, failures, lastError);
            LogPassFinished(logger, runtimeId, refs.Count, (clock.GetUtcNow() - started).TotalSeconds, _health.State);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogPassInterrupted(logger, runtimeId);
            return;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogPassFailed(logger, error, runtimeId);
            _health = new ReconciliationHealth("failed", started, next, 0, [], 1, error.GetType().Name);
        }

        SkillsOrleansTelemetry.HostDriftUnresolved(runtimeId, _health.Failures + _health.Drift.Count(d => d.Repair == UnknownToCluster));
    }

    private static readonly string UnknownToCluster = SkillsOrleansTelemetry.DriftName(HostDrift.UnknownToCluster);

    private static string StateOf(List<CredentialDriftEntry> drift, int failures) =>
        failures > 0 ? "failed"
        : drift.Any(d => d.Repair == UnknownToCluster) ? "drift"
        : drift.Count > 0 ? "repaired"
        : "in-step";

    /// <summary>Every credential the account's index lists on this runtime, in any status.</summary>
    private async Task<IReadOnlyList<CredentialSnapshot>> IndexedHereAsync(CancellationToken cancellationToken)
    {
        var indexed = await grains.GetGrain<IAccountGrain>(host.Options.AccountId).ListCredentialsAsync(null).WaitAsync(cancellationToken);
        return [.. indexed.Where(credential => CredentialRef.Parse(credential.CredentialRef).Runtime == runtimeId)];
    }

    /// <summary>
    /// Everything on the host for this runtime's account, and every credential the account's index lists here (in any
    /// status: a stale index entry is repaired by the credential's check too).
    /// </summary>
    private List<CredentialRef> CredentialsToCheck(IReadOnlyList<CredentialSnapshot> indexedHere)
    {
        var account = host.Options.AccountId;
        var onHost = host.Secrets.ListAddresses()
            .Where(address => address.Account == account)
            .Select(address => new CredentialRef(account, runtimeId, address.SkillKey, address.KeyName));
        return [.. onHost.Union(indexedHere.Select(c => CredentialRef.Parse(c.CredentialRef))).OrderBy(r => r.ToString(), StringComparer.Ordinal)];
    }

    /// <summary>
    /// Declines noted for the agents follow the index: one written while the host was offline, or one left behind
    /// after the key was opened again, is put right here. A workspace that cannot take the notes stops nothing else.
    /// </summary>
    private void NoteDeclinedRequests(IReadOnlyList<CredentialSnapshot> indexedHere)
    {
        var declined = indexedHere
            .Where(c => c is { Status: CredentialStatus.Declined, DeclineReason: not null })
            .Select(c =>
            {
                var credentialRef = CredentialRef.Parse(c.CredentialRef);
                return new DeclinedRequest(credentialRef.SkillKey, credentialRef.KeyName, c.DeclineReason!, c.UpdatedAt);
            })
            .ToList();
        foreach (var notes in host.Workspace.AllDecisionNotes())
        {
            try
            {
                notes.SyncWith(declined);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                LogNotesFailed(logger, error, runtimeId, notes.Directory);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not bring the request decisions noted in runtime {RuntimeId}'s workspace in step ({Directory})")]
    private static partial void LogNotesFailed(ILogger logger, Exception error, string runtimeId, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not compare credential {CredentialRef} with its host")]
    private static partial void LogCheckFailed(ILogger logger, Exception error, string credentialRef);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation of runtime {RuntimeId} started: {Count} credentials to compare with the host")]
    private static partial void LogPassStarted(ILogger logger, string runtimeId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation of runtime {RuntimeId} finished: {Count} credentials compared in {Seconds:F1} s, {State}")]
    private static partial void LogPassFinished(ILogger logger, string runtimeId, int count, double seconds, string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation of runtime {RuntimeId} stopped part-way: the runtime is deactivating or its host is stopping")]
    private static partial void LogPassInterrupted(ILogger logger, string runtimeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation pass of runtime {RuntimeId} failed")]
    private static partial void LogPassFailed(ILogger logger, Exception error, string runtimeId);
}
