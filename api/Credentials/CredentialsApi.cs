using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SkillsOrleans.Api.Accounts;
using SkillsOrleans.Api.Errors;
using SkillsOrleans.Api.Listings;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Api.Credentials;

/// <summary>
/// An account's credentials: listing, delivering a value and revoking, under <c>/api/accounts/{account}/credentials</c>.
/// Writes go straight to the credential's grain once the account group's filter has admitted the caller, so a
/// delivery never holds the account's turn.
/// </summary>
public static class CredentialsApi
{
    public static RouteGroupBuilder MapCredentialsApi(this RouteGroupBuilder account)
    {
        var credentials = account.MapGroup("/credentials");
        credentials.MapGet("", ListAsync).WithName("ListCredentials")
            .WithSummary("List the account's credentials, optionally by status (pending, active, revoked or declined)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        credentials.MapPost("/{runtime}/{skillKey}/{keyName}", SubmitAsync).WithName("SubmitCredential")
            .WithSummary("Deliver a key to the runtime host that asked for it")
            .WithDescription("Send exactly one of secret (sealed by the API at once) or sealedSecret (sealed in the browser for the " +
                "credential's nextVersion). The answer carries the new status, version and fingerprint, never the value.")
            .RequireAccountRole(AccessRequirement.Admin)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        credentials.MapPost("/{runtime}/{skillKey}/{keyName}/provision", ProvisionAsync).WithName("ProvisionCredential")
            .WithSummary("Open a key no agent has asked for yet, so a value can be provided ahead of a request")
            .WithDescription("Only for a skill installed on the runtime that declares the key. The key becomes pending (a key " +
                "already pending or active is left as it is); deliver its value as for any request.")
            .RequireAccountRole(AccessRequirement.Admin)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        credentials.MapPost("/{runtime}/{skillKey}/{keyName}/decline", DeclineAsync).WithName("DeclineCredential")
            .WithSummary("Turn a pending key request down, with a reason the agent that asked reads back")
            .WithDescription("Only a pending key can be declined. The agents on the runtime host read the reason in the request " +
                "directory; asking again changes nothing until an admin provides the key (provision opens it again). " +
                "Answers the credential as listings show it, with its declineReason.")
            .RequireAccountRole(AccessRequirement.Admin)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        credentials.MapPost("/{runtime}/{skillKey}/{keyName}/import", ImportAsync).WithName("ImportCredential")
            .WithSummary("Take a key the host's openclaw.json holds by hand into management; the value stays on the host")
            .WithDescription("The host moves the value into its secret file and rewrites its openclaw.json entry as it would for a delivery; " +
                "the credential becomes active with the value's fingerprint. 409 when it is active already or the host holds no such value.")
            .RequireAccountRole(AccessRequirement.Admin)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        credentials.MapPost("/{runtime}/{skillKey}/{keyName}/revoke", RevokeAsync).WithName("RevokeCredential")
            .WithSummary("Revoke a key: remove it from its runtime host and OpenClaw's config")
            .RequireAccountRole(AccessRequirement.Admin)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return credentials;
    }

    /// <summary>
    /// <c>POST /admin/skills/credentials</c>, the first clients' route: the account and ref travel in the body. Kept as
    /// an alias of the account route (same checks, same answers); see docs/api.md.
    /// </summary>
    public static RouteHandlerBuilder MapCredentialSubmissionAlias(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/admin/skills/credentials", SubmitByBodyAsync).RequireAuthorization().WithName("SubmitCredentialByBody")
            .WithSummary("Deliver a key (alias of POST /api/accounts/{account}/credentials/{runtime}/{skillKey}/{keyName})")
            .WithDescription("The account and the credential ref are named in the body; otherwise the same as the account route.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <param name="status">A status as responses spell it (<c>pending</c>, <c>declined</c>…), in any letter case; another word is a 400.</param>
    private static async Task<Ok<IReadOnlyList<CredentialView>>> ListAsync(string? status, AccountCaller caller, AccountListingReads reads)
    {
        var wanted = status is null ? (CredentialStatus?)null : ParseStatus(status);
        var credentials = (await reads.CredentialsAsync(caller.AccountId)).Value;
        return TypedResults.Ok<IReadOnlyList<CredentialView>>([.. credentials.Where(c => wanted is null || c.Status == wanted).Select(CredentialView.From)]);
    }

    private static CredentialStatus ParseStatus(string status) =>
        Enum.GetValues<CredentialStatus>().Where(s => string.Equals(CredentialView.StatusName(s), status, StringComparison.OrdinalIgnoreCase)).ToList() is [var one]
            ? one
            : throw new BadHttpRequestException(
                $"status is one of {string.Join(", ", Enum.GetValues<CredentialStatus>().Select(CredentialView.StatusName))}");

    private static async Task<Results<Ok<CredentialSubmissionResponse>, ProblemHttpResult>> SubmitAsync(
        string runtime, string skillKey, string keyName, CredentialValue body,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey, AccountCaller caller, CredentialDelivery delivery)
    {
        if (RouteRef(caller, runtime, skillKey, keyName) is not { } credentialRef)
        {
            return NotACredential;
        }

        var errors = body.Validate();
        CheckKey(idempotencyKey, errors);
        return errors.Count > 0
            ? InvalidRequest.Problem(errors)
            : TypedResults.Ok(await delivery.SubmitAsync(caller.Access, credentialRef, body, idempotencyKey));
    }

    private static async Task<Results<Ok<CredentialSubmissionResponse>, ProblemHttpResult>> SubmitByBodyAsync(
        CredentialSubmissionRequest body, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        ClaimsPrincipal user, CallerAccess access, CredentialDelivery delivery)
    {
        // The account is checked first even for a bad body, so an invalid request about another tenant reads as 404.
        var caller = ResourceIds.IsAccountId(body.AccountId) ? await access.RequireAsync(user, body.AccountId!, AccessRequirement.Admin) : null;
        var errors = body.Validate(out var credentialRef);
        CheckKey(idempotencyKey, errors);
        return errors.Count > 0 || caller is null
            ? InvalidRequest.Problem(errors)
            : TypedResults.Ok(await delivery.SubmitAsync(caller, credentialRef!.Value, body.Value, idempotencyKey));
    }

    private static async Task<Results<Ok<CredentialSubmissionResponse>, ProblemHttpResult>> RevokeAsync(
        string runtime, string skillKey, string keyName, int? expectedVersion,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey, AccountCaller caller, IClusterClient cluster)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CheckKey(idempotencyKey, errors);
        if (errors.Count > 0)
        {
            return InvalidRequest.Problem(errors);
        }

        return await OnRouteCredentialAsync(caller, runtime, skillKey, keyName, cluster,
            grain => grain.RevokeAsync(caller.AccountId, new CredentialRevocation(caller.Subject, expectedVersion, idempotencyKey)));
    }

    private static Task<Results<Ok<CredentialSubmissionResponse>, ProblemHttpResult>> ImportAsync(
        string runtime, string skillKey, string keyName, AccountCaller caller, IClusterClient cluster) =>
        OnRouteCredentialAsync(caller, runtime, skillKey, keyName, cluster,
            grain => grain.ImportFromHostAsync(caller.AccountId, new CredentialImport(caller.Subject)));

    private static Task<Results<Ok<CredentialSubmissionResponse>, ProblemHttpResult>> ProvisionAsync(
        string runtime, string skillKey, string keyName, AccountCaller caller, IClusterClient cluster) =>
        OnRouteCredentialAsync(caller, runtime, skillKey, keyName, cluster,
            async grain => (await grain.ProvisionAsync(caller.AccountId, new CredentialProvision(caller.Subject))).Credential);

    /// <summary>Runs one admin call on the credential the route names and answers its new state; 422 when the route names none.</summary>
    private static async Task<Results<Ok<CredentialSubmissionResponse>, ProblemHttpResult>> OnRouteCredentialAsync(
        AccountCaller caller, string runtime, string skillKey, string keyName, IClusterClient cluster, Func<ICredentialGrain, Task<CredentialSnapshot>> call)
    {
        if (RouteRef(caller, runtime, skillKey, keyName) is not { } credentialRef)
        {
            return NotACredential;
        }

        return TypedResults.Ok(CredentialSubmissionResponse.Of(await call(cluster.GetGrain<ICredentialGrain>(credentialRef.ToString()))));
    }

    private static async Task<Results<Ok<CredentialView>, ProblemHttpResult>> DeclineAsync(
        string runtime, string skillKey, string keyName, CredentialDeclineRequest body, AccountCaller caller, IClusterClient cluster)
    {
        if (RouteRef(caller, runtime, skillKey, keyName) is not { } credentialRef)
        {
            return NotACredential;
        }

        var errors = body.Validate();
        if (errors.Count > 0)
        {
            return InvalidRequest.Problem(errors);
        }

        var credential = await cluster.GetGrain<ICredentialGrain>(credentialRef.ToString())
            .DeclineAsync(caller.AccountId, new CredentialDecline(caller.Subject, body.Reason!));
        return TypedResults.Ok(CredentialView.From(credential));
    }

    /// <summary>The credential the route names in the caller's account, or null when its parts do not make one.</summary>
    private static CredentialRef? RouteRef(AccountCaller caller, string runtime, string skillKey, string keyName) =>
        CredentialRef.TryParse($"{caller.AccountId}/{runtime}/{skillKey}/{keyName}", out var credentialRef) ? credentialRef : null;

    private static ProblemHttpResult NotACredential =>
        InvalidRequest.Problem("credentialRef", "the route does not name a credential: runtime/skillKey/KEY_NAME");

    /// <summary>
    /// A client that may repeat a write (after a lost answer) names it with this header; the repeat answers what the
    /// first one did. Keys are remembered per credential (the last 16).
    /// </summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private static void CheckKey(string? idempotencyKey, Dictionary<string, string[]> errors)
    {
        if (idempotencyKey is not null && !IdempotencyKeys.IsValid(idempotencyKey))
        {
            errors["idempotencyKey"] = ["Idempotency-Key must be 1–255 visible ASCII characters"];
        }
    }
}
