using Microsoft.Extensions.Logging;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Model.Skills;
using SkillsOrleans.RuntimeHost.Telemetry;

namespace SkillsOrleans.RuntimeHost.Requests;

/// <summary>
/// Turns request files into pending credentials. A request is accepted only for an installed, readable skill that
/// declares the key (in <c>requires.env</c> or as <c>primaryEnv</c>). A file that can be accepted is accepted as soon
/// as it is seen, so a request reaches the cluster within one pass of its file appearing; a file that would be
/// refused is refused only once it has settled (see <see cref="InboxFile.Settled"/>). If the cluster cannot take the
/// request right now the file stays where it is and is tried again; nothing is moved before it is handled.
/// A refused file is recorded (audit trail) before it is set aside; if that record cannot be written, the file
/// stays too.
/// </summary>
public sealed partial class CredentialRequestProcessor(
    CredentialRequestInbox inbox,
    string accountId,
    string runtimeId,
    ILogger logger)
{
    private bool _wasCapped;

    public async Task<RequestProcessingSummary> ProcessAsync(IReadOnlyList<SkillManifest> catalog, ICredentialRequestTarget target)
    {
        int accepted = 0, rejected = 0, deferred = 0;
        string? lastError = null;
        var files = inbox.TakeReady();
        NoteCap(inbox.LastTakeWasCapped);
        foreach (var file in files)
        {
            try
            {
                switch (await HandleAsync(file, catalog, target))
                {
                    case Handled.Accepted:
                        accepted++;
                        break;
                    case Handled.Rejected:
                        rejected++;
                        break;
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The cluster or the audit trail could not take it: leave the file for the next round.
                deferred++;
                lastError = $"{error.GetType().Name}: {error.Message}";
                LogDeferred(logger, error, file.Name);
            }
        }

        return new RequestProcessingSummary(accepted, rejected, deferred, lastError);
    }

    /// <returns>
    /// Accepted; rejected (recorded and set aside); or left to settle (an unsettled file that cannot be accepted yet).
    /// Throws when the file must stay for later because the cluster could not take it.
    /// </returns>
    private async Task<Handled> HandleAsync(InboxFile file, IReadOnlyList<SkillManifest> catalog, ICredentialRequestTarget target)
    {
        CredentialRequestFile? request = null;
        RequestRejectedException rejection;
        try
        {
            request = file.Refusal is null ? CredentialRequestFile.Parse(inbox.Read(file)) : throw file.Refusal;
            var credentialRef = Validate(request, catalog);
            var outcome = await target.RequestAsync(credentialRef, request.AgentId, request.Reason);
            inbox.MarkProcessed(file);
            Count("accepted", null);
            LogAccepted(logger, file.Name, credentialRef.ToString(), outcome);
            return Handled.Accepted;
        }
        catch (RequestRejectedException refused)
        {
            rejection = refused;
        }
        catch (ArgumentException invalid)
        {
            rejection = new RequestRejectedException(RequestRejection.Refused, invalid.Message);
        }

        if (!file.Settled && file.Refusal is null)
        {
            return Handled.LeftToSettle;
        }

        // Recorded first: a refusal the audit trail cannot take leaves the file for the next round.
        await target.RecordRefusalAsync(new RefusedRequest(file.Name, rejection.Code, rejection.Message, request, KeyOf(request)));
        inbox.Reject(file, rejection.Reason, rejection.Message);
        Count("rejected", rejection.Code);
        LogRejected(logger, file.Name, rejection.Code, rejection.Message);
        return Handled.Rejected;
    }

    /// <summary>Counts every capped pass; logs once when a flood starts, not on every pass while it lasts.</summary>
    private void NoteCap(bool capped)
    {
        if (capped)
        {
            RuntimeHostTelemetry.ScanCapped(runtimeId, "request_files");
            if (!_wasCapped)
            {
                LogCapped(logger, inbox.MaxFilesPerTake);
            }
        }

        _wasCapped = capped;
    }

    private void Count(string outcome, string? reason) =>
        RuntimeHostTelemetry.CredentialRequests.Add(
            1,
            new KeyValuePair<string, object?>("runtime", runtimeId),
            new KeyValuePair<string, object?>("outcome", outcome),
            new KeyValuePair<string, object?>("reason", reason ?? "none"));

    /// <summary>The ref a refused request named, when its names are at least well-formed.</summary>
    private CredentialRef? KeyOf(CredentialRequestFile? request) =>
        request is not null && ResourceIds.IsSkillKey(request.Skill) && ResourceIds.IsKeyName(request.Key)
            ? new CredentialRef(accountId, runtimeId, request.Skill, request.Key)
            : null;

    private CredentialRef Validate(CredentialRequestFile request, IReadOnlyList<SkillManifest> catalog)
    {
        var candidates = catalog.Where(s => string.Equals(s.SkillKey, request.Skill, StringComparison.Ordinal)).ToList();
        if (candidates.Count == 0)
        {
            throw new RequestRejectedException(RequestRejection.UnknownSkill, $"no installed skill is named '{request.Skill}'");
        }

        var skill = candidates.FirstOrDefault(s => s.ParseError is null)
            ?? throw new RequestRejectedException(RequestRejection.BrokenSkill, $"skill '{request.Skill}' cannot be read: {candidates[0].ParseError}");
        if (!skill.CredentialKeys().Contains(request.Key, StringComparer.Ordinal))
        {
            var declared = skill.CredentialKeys() is { Count: > 0 } keys ? string.Join(", ", keys) : "none";
            throw new RequestRejectedException(RequestRejection.UndeclaredKey, $"skill '{request.Skill}' does not declare '{request.Key}' (it declares: {declared})");
        }

        return new CredentialRef(accountId, runtimeId, request.Skill, request.Key);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {File} accepted as {CredentialRef} ({Outcome})")]
    private static partial void LogAccepted(ILogger logger, string file, string credentialRef, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {File} rejected ({Code}): {Reason}")]
    private static partial void LogRejected(ILogger logger, string file, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "More request files are ready than one pass takes ({Limit}); the rest wait in place for the next passes")]
    private static partial void LogCapped(ILogger logger, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {File} left in place to retry")]
    private static partial void LogDeferred(ILogger logger, Exception error, string file);

    private enum Handled
    {
        Accepted,
        Rejected,
        LeftToSettle,
    }
}

/// <summary>A request file that is being set aside: its name, why, and what it asked for when that could be read.</summary>
public sealed record RefusedRequest(string FileName, string Code, string Message, CredentialRequestFile? Request, CredentialRef? CredentialRef);

public sealed record RequestProcessingSummary(int Accepted, int Rejected, int Deferred, string? LastError);
