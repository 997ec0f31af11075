using Microsoft.AspNetCore.Diagnostics;
using SkillsOrleans.Api.Accounts;
using SkillsOrleans.Contracts.Audit;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Sealing;

namespace SkillsOrleans.Api.Errors;

/// <summary>
/// Turns the cluster's typed errors into RFC 9457 problem details: not found 404, conflict 409, runtime offline,
/// audit trail unavailable or not answering 503, a refused envelope or invalid input 422. Messages carry refs and
/// versions only; an unexpected error says nothing about its cause. Every refusal is logged with its reason (the
/// same words the caller gets), so an operator can follow a rejected admin call by its trace id.
/// </summary>
public sealed partial class ClusterErrorResults(IProblemDetailsService problems, ILogger<ClusterErrorResults> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            ResourceNotFoundException => (StatusCodes.Status404NotFound, "Not found", exception.Message),
            CredentialConflictException conflict => (StatusCodes.Status409Conflict,
                conflict.Kind == CredentialConflictKind.VersionMismatch ? "Version conflict" : "Illegal transition", exception.Message),
            AccountConflictException conflict => (StatusCodes.Status409Conflict,
                conflict.Kind == AccountConflictKind.LastOwner ? "Last owner" : "Account exists", exception.Message),
            RuntimeOfflineException => (StatusCodes.Status503ServiceUnavailable, "Runtime offline",
                exception.Message + " Nothing was stored; try again when the runtime is back."),
            AuditWriteException => (StatusCodes.Status503ServiceUnavailable, "Audit trail unavailable",
                "The change was refused because its audit record could not be written. Nothing was stored; try again shortly."),
            DeliveryNotPreparedException => (StatusCodes.Status503ServiceUnavailable, "Runtime interrupted",
                exception.Message),
            // Whether the change was made is not known here: it may complete after this answer.
            TimeoutException or SiloUnavailableException => (StatusCodes.Status503ServiceUnavailable, "Not answering",
                "The cluster or the runtime host did not answer in time. The change may still have been made: reload to see where it stands before trying again."),
            SealedSecretRejectedException rejected => (StatusCodes.Status422UnprocessableEntity, "Sealed secret refused",
                $"The runtime refused the sealed secret ({rejected.Reason})."),
            ForbiddenActionException => (StatusCodes.Status403Forbidden, "Forbidden", exception.Message),
            UnauthorizedAccessException => (StatusCodes.Status401Unauthorized, "Unauthorized", null),
            ArgumentException or FormatException => (StatusCodes.Status422UnprocessableEntity, "Invalid request", exception.Message),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", null),
        };

        if (status >= StatusCodes.Status500InternalServerError && detail is null)
        {
            LogUnexpected(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }
        else
        {
            LogRefused(logger, httpContext.Request.Method, httpContext.Request.Path, status, title, detail);
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "30";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path}: {Status} {Title}. {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, int status, string title, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error answering {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception error, string method, string path);
}
