using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace SkillsOrleans.Api.Errors;

/// <summary>
/// A request the framework could not read (malformed JSON, a missing or unparsable parameter, a body over the size
/// limit) answers its own status (400, 413, 415, …) as problem details instead of a bare status or a 500. The
/// framework's messages name the parameter, never a body value. Registered before <see cref="ClusterErrorResults"/>,
/// which answers 500 for every exception it does not know.
/// </summary>
public sealed class BadRequestResults : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        await ProblemResponse.WriteAsync(
            httpContext, badRequest.StatusCode, ReasonPhrases.GetReasonPhrase(badRequest.StatusCode),
            badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? ProblemCodes.BodyTooLarge : ProblemCodes.BadRequest,
            badRequest.Message);
        return true;
    }
}
