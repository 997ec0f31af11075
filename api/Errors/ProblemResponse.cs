namespace SkillsOrleans.Api.Errors;

/// <summary>Writes an RFC 9457 problem details answer from middleware, where no endpoint result is at hand.</summary>
public static class ProblemResponse
{
    public static async Task WriteAsync(HttpContext http, int status, string title, string code, string detail)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = status;
        // TryWrite: a client that accepts no JSON still gets the status (and its headers), just without a body.
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Extensions = { [ProblemCodes.Member] = code } },
        });
    }
}
