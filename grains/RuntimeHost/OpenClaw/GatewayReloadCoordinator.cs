using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SkillsOrleans.RuntimeHost.Telemetry;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// Makes sure the gateway rereads the host secret file after it changed. <see cref="RequestReload"/> marks a
/// reload pending; <see cref="RunPendingAsync"/>, called from a timer, tries it when it is due, retrying with
/// exponential backoff until the gateway confirms. Nothing is ever dropped: the reload stays pending through any
/// number of failures.
/// <para>
/// When the gateway cannot be asked at all (no token, unreachable, silent), the coordinator also falls back, once
/// per pending episode: it writes the flag file for whatever supervises the gateway, and, once the gateway has been
/// unreachable for <see cref="OpenClawGatewayOptions.RestartCommandGrace"/>, runs the configured restart command.
/// It keeps retrying the RPC either way, and removes the flag file when a reload succeeds.
/// </para>
/// <para>
/// Time comes from the caller (<c>now</c>) and the injected clock, never from a timer of its own, so tests drive it
/// step by step. Calls may overlap; an attempt already in flight makes a second one return at once.
/// </para>
/// </summary>
public sealed class GatewayReloadCoordinator(
    IGatewaySecretsReloader reloader,
    OpenClawGatewayOptions options,
    TimeProvider clock,
    ILogger logger)
{
    private const int MaxReasonLength = 200;

    private readonly Lock _gate = new();
    private readonly GatewayText _text = new(options.Token);

    private long _requests;
    private bool _pending;
    private bool _inFlight;
    private string? _reason;
    private DateTimeOffset? _pendingSince;
    private DateTimeOffset _nextAttemptAt;
    private int _attempts;
    private int _consecutiveFailures;
    private DateTimeOffset? _lastAttemptAt;
    private DateTimeOffset? _lastSuccessAt;
    private GatewayReloadFailure? _lastFailure;
    private string? _lastError;
    private int? _warningCount;
    private DateTimeOffset? _downSince;
    private bool _flagOnDisk;
    private bool _owedOnDisk;
    private bool _restartRan;
    private bool _fallbackUsed;
    private ActivityContext _requestedFrom;

    public bool IsPending
    {
        get
        {
            lock (_gate)
            {
                return _pending;
            }
        }
    }

    /// <summary>
    /// After the host started: a reload recorded as owed before it stopped is pending again, due at once.
    /// </summary>
    public void ResumeOwedReload()
    {
        if (ReloadOwedFile.Read(options.ReloadOwedPath) is not { } owed)
        {
            return;
        }

        lock (_gate)
        {
            _owedOnDisk = true;
        }

        RequestReload($"owed since before the host restarted: {owed.Reason}");
        lock (_gate)
        {
            _pendingSince = owed.Since ?? _pendingSince;
        }
    }

    /// <summary>
    /// Marks a reload pending (due at once when none was); a request during a pending episode joins it. The first
    /// request of an episode is recorded on disk before this returns, so the change that asked for it is not
    /// acknowledged before the reload it owes would survive a crash.
    /// </summary>
    public void RequestReload(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var safeReason = _text.Safe(reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason);
        lock (_gate)
        {
            // Under the lock, so that a reload confirmed at this moment cannot remove a record this request needs.
            RecordOwed(safeReason);
            _requests++;
            _reason = safeReason;
            _requestedFrom = Activity.Current?.Context ?? default;
            if (!_pending)
            {
                _pending = true;
                _pendingSince = clock.GetUtcNow();
                _nextAttemptAt = _pendingSince.Value;
                _attempts = 0;
                _consecutiveFailures = 0;
                _downSince = null;
                _restartRan = false;
                _fallbackUsed = false;
            }
        }

        GatewayReloadLog.Requested(logger, safeReason);
    }

    /// <summary>Tries the pending reload if one is due at <paramref name="now"/>; otherwise returns at once.</summary>
    public async Task RunPendingAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        long request;
        ActivityContext requestedFrom;
        lock (_gate)
        {
            if (!_pending || _inFlight || now < _nextAttemptAt)
            {
                return;
            }

            _inFlight = true;
            request = _requests;
            requestedFrom = _requestedFrom;
            _attempts++;
            _lastAttemptAt = now;
        }

        // The reload runs on a timer, later: its span joins the trace of the write that asked for it.
        using var span = RuntimeHostTelemetry.Activities.StartActivity("gateway.reload", ActivityKind.Client, requestedFrom);
        var started = Stopwatch.GetTimestamp();
        var result = "failure";
        try
        {
            SecretsReloadOutcome outcome;
            try
            {
                outcome = await reloader.ReloadSecretsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (GatewayReloadException error)
            {
                await FailedAsync(now, error.Failure, error.Message, error.GatewayDown, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                GatewayReloadLog.FailedUnexpectedly(logger, error);
                await FailedAsync(now, GatewayReloadFailure.ProtocolError, $"Unexpected {error.GetType().Name}.", gatewayDown: false, cancellationToken).ConfigureAwait(false);
                return;
            }

            Succeeded(now, request, outcome);
            result = "success";
        }
        finally
        {
            span?.SetStatus(result == "success" ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
            RuntimeHostTelemetry.GatewayReloadDuration.Record(
                RuntimeHostTelemetry.SecondsSince(started), new KeyValuePair<string, object?>("result", result));
            lock (_gate)
            {
                _inFlight = false;
            }
        }
    }

    public GatewayReloadHealth Health()
    {
        lock (_gate)
        {
            var state = !_pending ? GatewayReloadState.Idle
                : _consecutiveFailures > 0 ? GatewayReloadState.Retrying
                : GatewayReloadState.Pending;
            return new GatewayReloadHealth(
                state,
                _reason,
                _pendingSince,
                _pending ? _nextAttemptAt : null,
                _lastAttemptAt,
                _lastSuccessAt,
                _lastFailure,
                _lastError,
                _attempts,
                _warningCount,
                _fallbackUsed);
        }
    }

    /// <summary>The wait after the <paramref name="failures"/>-th failure in a row: initial × 2^(failures − 1), capped.</summary>
    public static TimeSpan RetryDelay(int failures, TimeSpan initial, TimeSpan max)
    {
        var doublings = Math.Clamp(failures - 1, 0, 30);
        var delay = initial * Math.Pow(2, doublings);
        return delay < max ? delay : max;
    }

    private void Succeeded(DateTimeOffset now, long request, SecretsReloadOutcome outcome)
    {
        bool removeFlag;
        int attempts;
        lock (_gate)
        {
            attempts = _attempts;
            _lastSuccessAt = clock.GetUtcNow();
            _warningCount = outcome.WarningCount;
            _lastFailure = null;
            _lastError = null;
            _consecutiveFailures = 0;
            _downSince = null;
            removeFlag = _flagOnDisk;
            _flagOnDisk = false;
            if (request == _requests)
            {
                _pending = false;
                _pendingSince = null;
                if (_owedOnDisk)
                {
                    RemoveOwedRecord();
                }
            }
            else
            {
                // A request arrived while this attempt ran: the file may have changed after the gateway read it.
                _nextAttemptAt = now;
            }
        }

        if (outcome.WarningCount > 0)
        {
            GatewayReloadLog.ReloadedWithWarnings(logger, attempts, outcome.WarningCount);
        }
        else
        {
            GatewayReloadLog.Reloaded(logger, attempts);
        }

        if (removeFlag)
        {
            RemoveFlagFile();
        }
    }

    private async Task FailedAsync(DateTimeOffset now, GatewayReloadFailure failure, string error, bool gatewayDown, CancellationToken cancellationToken)
    {
        bool firstOfItsKind;
        bool writeFlag;
        bool runRestart;
        DateTimeOffset nextAttemptAt;
        DateTimeOffset? downSince;
        string reason;
        DateTimeOffset pendingSince;
        int attempts;
        lock (_gate)
        {
            _consecutiveFailures++;
            firstOfItsKind = _consecutiveFailures == 1 || _lastFailure != failure;
            _lastFailure = failure;
            _lastError = error;
            _nextAttemptAt = nextAttemptAt = now + RetryDelay(_consecutiveFailures, options.InitialRetryDelay, options.MaxRetryDelay);
            _downSince = gatewayDown ? _downSince ?? now : null;
            downSince = _downSince;
            writeFlag = gatewayDown && !_flagOnDisk;
            runRestart = gatewayDown && !_restartRan && options.RestartCommand is not null && now - _downSince >= options.RestartCommandGrace;
            _restartRan |= runRestart;
            _fallbackUsed |= runRestart;
            reason = _reason ?? "";
            pendingSince = _pendingSince ?? now;
            attempts = _attempts;
        }

        if (firstOfItsKind)
        {
            GatewayReloadLog.Failed(logger, failure, error, nextAttemptAt);
        }
        else
        {
            GatewayReloadLog.FailedAgain(logger, failure, nextAttemptAt);
        }

        if (writeFlag)
        {
            WriteFlagFile(pendingSince, now, reason, attempts, failure);
        }

        if (runRestart)
        {
            var (_, result) = await GatewayRestartCommand.RunAsync(options.RestartCommand!, options.FlagFilePath, options.RestartCommandTimeout, cancellationToken).ConfigureAwait(false);
            GatewayReloadLog.RestartCommandRan(logger, downSince!.Value, options.RestartCommand!, result);
        }
    }

    private void WriteFlagFile(DateTimeOffset pendingSince, DateTimeOffset now, string reason, int attempts, GatewayReloadFailure failure)
    {
        try
        {
            ReloadFlagFile.Write(options.FlagFilePath, pendingSince, now, reason, attempts, failure);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            GatewayReloadLog.FlagWriteFailed(logger, error, options.FlagFilePath);
            return;
        }

        lock (_gate)
        {
            _flagOnDisk = true;
            _fallbackUsed = true;
        }

        GatewayReloadLog.FlagWritten(logger, options.FlagFilePath);
    }

    /// <summary>Writes the owed-reload record once per pending episode; called under the lock.</summary>
    private void RecordOwed(string reason)
    {
        if (_owedOnDisk)
        {
            return;
        }

        try
        {
            ReloadOwedFile.Write(options.ReloadOwedPath, clock.GetUtcNow(), reason);
            _owedOnDisk = true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The reload is still pending in memory; only surviving a crash is lost, and the next request tries again.
            GatewayReloadLog.OwedWriteFailed(logger, error, options.ReloadOwedPath);
        }
    }

    /// <summary>Removes the owed-reload record after a confirmed reload covered every request; called under the lock.</summary>
    private void RemoveOwedRecord()
    {
        try
        {
            ReloadOwedFile.Remove(options.ReloadOwedPath);
            _owedOnDisk = false;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Left in place, it costs one extra reload after a restart.
            GatewayReloadLog.OwedWriteFailed(logger, error, options.ReloadOwedPath);
        }
    }

    private void RemoveFlagFile()
    {
        try
        {
            ReloadFlagFile.Remove(options.FlagFilePath);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            GatewayReloadLog.FlagRemoveFailed(logger, error, options.FlagFilePath);
        }
    }
}
