using Microsoft.AspNetCore.Diagnostics;
using SkillsOrleans.Api.Accounts;
using SkillsOrleans.Contracts.Audit;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Sealing;

namespace SkillsOrleans.Api.Errors;

/// <summary>
/// Turns the cluster's typed errors into RFC 9457 problem details, each with a stable <c>code</c>
/// (<see cref="ProblemCodes"/>): not found 404, conflict 409, runtime offline, audit trail unavailable or not answering
/// 503, a refused envelope or invalid input 422. Only the typed errors whose messages are made of refs, ids and
/// versions pass their message on as <c>detail</c>; any other exception — one raised by a grain or on a runtime host
/// (a refused OpenClaw config, an I/O error, a grain's argument check) — answers its code and a fixed sentence, never
/// its own words. Every refusal is logged with its reason, and an unexpected error with the exception, so an
/// operator can follow a rejected call by its trace id.
/// </summary>
public sealed partial class ClusterErrorResults(IProblemDetailsService problems, ILogger<ClusterErrorResults> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, code, detail) = exception switch
        {
            ResourceNotFoundException => (StatusCodes.Status404NotFound, "Not found", ProblemCodes.NotFound, exception.Message),
            CredentialConflictException { Kind: CredentialConflictKind.VersionMismatch } => (StatusCodes.Status409Conflict,
                "Version conflict", ProblemCodes.VersionConflict, exception.Message),
            CredentialConflictException => (StatusCodes.Status409Conflict, "Illegal transition", ProblemCodes.IllegalTransition, exception.Message),
            AccountConflictException { Kind: AccountConflictKind.LastOwner } => (StatusCodes.Status409Conflict,
                "Last owner", ProblemCodes.LastOwner, exception.Message),
            AccountConflictException => (StatusCodes.Status409Conflict, "Account exists", ProblemCodes.AccountExists, exception.Message),
            RuntimeOfflineException => (StatusCodes.Status503ServiceUnavailable, "Runtime offline", ProblemCodes.RuntimeOffline,
                exception.Message + " Nothing was stored; try again when the runtime is back."),
            AuditWriteException => (StatusCodes.Status503ServiceUnavailable, "Audit trail unavailable", ProblemCodes.AuditUnavailable,
                "The change was refused because its audit record could not be written. Nothing was stored; try again shortly."),
            DeliveryNotPreparedException => (StatusCodes.Status503ServiceUnavailable, "Runtime interrupted", ProblemCodes.DeliveryNotPrepared,
                exception.Message),
            // Whether the change was made is not known here: it may complete after this answer.
            TimeoutException or SiloUnavailableException => (StatusCodes.Status503ServiceUnavailable, "Not answering", ProblemCodes.NotAnswering,
                "The cluster or the runtime host did not answer in time. The change may still have been made: reload to see where it stands before trying again."),
            SealedSecretRejectedException rejected => (StatusCodes.Status422UnprocessableEntity, "Sealed secret refused", ProblemCodes.SealedSecretRefused,
                $"The runtime refused the sealed secret ({rejected.Reason})."),
            ForbiddenActionException => (StatusCodes.Status403Forbidden, "Forbidden", ProblemCodes.Forbidden, exception.Message),
            UnauthorizedAccessException => (StatusCodes.Status401Unauthorized, "Unauthorized", ProblemCodes.Unauthorized, null),
            // The API answers its own input checks itself (422 with the fields at fault); these come from the cluster.
            ArgumentException or FormatException => (StatusCodes.Status422UnprocessableEntity, "Invalid request", ProblemCodes.InvalidRequest,
                "The cluster refused a value of this request."),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", ProblemCodes.Unexpected, (string?)null),
        };

        if (code is ProblemCodes.Unexpected)
        {
            LogUnexpected(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }
        else
        {
            // The log may say what the caller is not told: the cluster's own words for a refused value.
            LogRefused(logger, httpContext.Request.Method, httpContext.Request.Path, status, title,
                code is ProblemCodes.InvalidRequest ? exception.Message : detail);
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "30";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Extensions = { [ProblemCodes.Member] = code } },
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path}: {Status} {Title}. {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, int status, string title, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error answering {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception error, string method, string path);
}
