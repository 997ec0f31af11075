using Microsoft.AspNetCore.Http.HttpResults;

namespace SkillsOrleans.Api.Errors;

/// <summary>
/// The stable codes every problem answer of the API carries in its <c>code</c> member (docs/api.md#errors). Clients
/// branch on the code; the <c>detail</c> is for people and may change.
/// </summary>
public static class ProblemCodes
{
    public const string NotFound = "not-found";
    public const string VersionConflict = "version-conflict";
    public const string IllegalTransition = "illegal-transition";
    public const string LastOwner = "last-owner";
    public const string AccountExists = "account-exists";
    public const string RuntimeOffline = "runtime-offline";
    public const string AuditUnavailable = "audit-unavailable";
    public const string DeliveryNotPrepared = "delivery-not-prepared";
    public const string NotAnswering = "not-answering";
    public const string SealedSecretRefused = "sealed-secret-refused";
    public const string Forbidden = "forbidden";
    public const string Unauthorized = "unauthorized";
    public const string InvalidRequest = "invalid-request";
    public const string BadRequest = "bad-request";
    public const string BodyTooLarge = "body-too-large";
    public const string Unexpected = "unexpected";
    public const string TooManyWrites = "too-many-writes";
    public const string TooManyReads = "too-many-reads";
    public const string TooManyStreams = "too-many-streams";

    public const string Member = "code";

    public static ProblemHttpResult Problem(int status, string title, string code, string? detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { [Member] = code });
}
