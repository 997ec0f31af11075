using Microsoft.Extensions.Logging;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Identifiers;
using SkillsOrleans.Contracts.Skills;

namespace SkillsOrleans.Grains.Requests;

/// <summary>
/// Turns settled request files into pending credentials. A request is accepted only for an installed, readable
/// skill that declares the key (in <c>requires.env</c> or as <c>primaryEnv</c>). If the cluster cannot take the
/// request right now the file stays where it is and is tried again; nothing is moved before it is handled.
/// </summary>
public sealed partial class CredentialRequestProcessor(
    CredentialRequestInbox inbox,
    string accountId,
    string runtimeId,
    Func<CredentialRef, CredentialRequest, Task<CredentialRequestResult>> submit,
    ILogger logger)
{
    public async Task<RequestProcessingSummary> ProcessAsync(IReadOnlyList<SkillManifest> catalog)
    {
        int accepted = 0, rejected = 0, deferred = 0;
        string? lastError = null;
        foreach (var file in inbox.TakeReady())
        {
            try
            {
                var request = CredentialRequestFile.Parse(CredentialRequestInbox.Read(file));
                var credentialRef = Validate(request, catalog);
                var result = await submit(credentialRef, new CredentialRequest(request.AgentId, request.Reason));
                inbox.MarkProcessed(file);
                accepted++;
                LogAccepted(logger, file.Name, credentialRef.ToString(), result.Outcome);
            }
            catch (RequestRejectedException rejection)
            {
                inbox.Reject(file, rejection.Reason, rejection.Message);
                rejected++;
                LogRejected(logger, file.Name, rejection.Code, rejection.Message);
            }
            catch (ArgumentException invalid)
            {
                inbox.Reject(file, RequestRejection.Refused, invalid.Message);
                rejected++;
                LogRejected(logger, file.Name, RequestRejectedException.ToCode(RequestRejection.Refused), invalid.Message);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The cluster could not take it (account missing, storage down…): leave the file for the next round.
                deferred++;
                lastError = $"{error.GetType().Name}: {error.Message}";
                LogDeferred(logger, error, file.Name);
            }
        }

        return new RequestProcessingSummary(accepted, rejected, deferred, lastError);
    }

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
    private static partial void LogAccepted(ILogger logger, string file, string credentialRef, RequestOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {File} rejected ({Code}): {Reason}")]
    private static partial void LogRejected(ILogger logger, string file, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {File} left in place to retry")]
    private static partial void LogDeferred(ILogger logger, Exception error, string file);
}

public sealed record RequestProcessingSummary(int Accepted, int Rejected, int Deferred, string? LastError);
