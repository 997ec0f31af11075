using SkillsOrleans.Api.Errors;

namespace SkillsOrleans.Api.Limits;

/// <summary>
/// Caps every request body at <see cref="RequestLimitSettings.MaxRequestBodyBytes"/> and answers 413 problem details.
/// A declared <c>Content-Length</c> over the cap is refused before anything reads the body; a body without one
/// (chunked) is counted as it is read. This is done here rather than left to Kestrel's limit so that the behaviour
/// is the same behind any server, the in-process test server included; Kestrel's limit is set too, as a backstop.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next, RequestLimitSettings settings)
{
    public async Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var limit = settings.MaxRequestBodyBytes;
        var request = http.Request;
        if (request.ContentLength > limit)
        {
            // The unread body cannot be drained within the cap, so the server drops the connection after answering;
            // saying so up front keeps an HTTP/1.1 client from sending its next request down that connection.
            if (HttpProtocol.IsHttp10(request.Protocol) || HttpProtocol.IsHttp11(request.Protocol))
            {
                http.Response.Headers.Connection = "close";
            }

            await ProblemResponse.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, "Request body too large", ProblemCodes.BodyTooLarge, Detail(limit));
            return;
        }

        if (request.ContentLength is null)
        {
            request.Body = new CappedRequestStream(request.Body, limit, Detail(limit));
        }

        await next(http);
    }

    private static string Detail(long limit) => $"A request body may be at most {limit} bytes.";
}
