using Microsoft.AspNetCore.Http.HttpResults;

namespace SkillsOrleans.Api.Errors;

/// <summary>422 with the fields at fault (RFC 9457 validation problem), for bodies and route values that are well-formed JSON but wrong.</summary>
public static class InvalidRequest
{
    public static ProblemHttpResult Problem(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Invalid request",
            Extensions = { [ProblemCodes.Member] = ProblemCodes.InvalidRequest },
        });

    public static ProblemHttpResult Problem(string field, string message) =>
        Problem(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });
}
