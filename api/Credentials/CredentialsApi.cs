using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SkillsOrleans.Api.Accounts;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Credentials;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Model.Identifiers;
using SkillsOrleans.Sealing;

namespace SkillsOrleans.Api.Credentials;

/// <summary>Credential submission, listing and revocation. Every call is checked against the account first.</summary>
public static class CredentialsApi
{
    /// <summary>How long a server-sealed envelope is valid: only for the hop from this API to the runtime host.</summary>
    private static readonly TimeSpan ServerSealLifetime = TimeSpan.FromMinutes(2);

    public static void MapCredentialsApi(this WebApplication app)
    {
        app.MapPost("/admin/skills/credentials", SubmitAsync).RequireAuthorization().WithName("SubmitCredential")
            .WithSummary("Deliver a key to the runtime host that asked for it")
            .WithDescription("Send exactly one of secret (sealed by the API at once) or sealedSecret (sealed in the browser). " +
                "The answer carries the new status, version and fingerprint, never the value.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        var account = app.MapGroup("/api/accounts/{account}/credentials").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status404NotFound);
        account.MapGet("", ListAsync).WithName("ListCredentials")
            .WithSummary("List the account's credentials, optionally by status");
        account.MapPost("/{runtime}/{skillKey}/{keyName}/revoke", RevokeAsync).WithName("RevokeCredential")
            .WithSummary("Revoke a key: remove it from its runtime host and OpenClaw's config")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<Results<Ok<CredentialSubmissionResponse>, ProblemHttpResult>> SubmitAsync(
        CredentialSubmissionRequest body, ClaimsPrincipal user, CallerAccess access, IClusterClient cluster, TimeProvider clock)
    {
        var errors = Validate(body, out var credentialRef);
        if (errors.Count > 0)
        {
            // The account is checked first even for a bad body, so an invalid request about another tenant reads as 404.
            if (ResourceIds.IsAccountId(body.AccountId))
            {
                await access.RequireAdminAsync(user, body.AccountId!);
            }

            return TypedResults.Problem(new HttpValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "Invalid request",
            });
        }

        await access.RequireAdminAsync(user, body.AccountId!);
        var accountGrain = cluster.GetGrain<IAccountGrain>(body.AccountId!);
        var envelope = body.SealedSecret ?? await SealAsync(cluster, accountGrain, credentialRef!.Value, body, clock);
        var credential = await accountGrain.SubmitCredentialAsync(
            credentialRef!.Value, new CredentialSubmission(CallerAccess.Subject(user), body.ExpectedVersion, envelope));
        return TypedResults.Ok(Response(credential));
    }

    private static async Task<Ok<IReadOnlyList<CredentialView>>> ListAsync(
        string account, CredentialStatus? status, ClaimsPrincipal user, CallerAccess access, IClusterClient cluster)
    {
        await access.RequireMemberAsync(user, account);
        var credentials = await cluster.GetGrain<IAccountGrain>(account).ListCredentialsAsync(status);
        return TypedResults.Ok<IReadOnlyList<CredentialView>>([.. credentials.Select(CredentialView.From)]);
    }

    private static async Task<Ok<CredentialSubmissionResponse>> RevokeAsync(
        string account, string runtime, string skillKey, string keyName, int? expectedVersion,
        ClaimsPrincipal user, CallerAccess access, IClusterClient cluster)
    {
        await access.RequireAdminAsync(user, account);
        var credentialRef = CredentialRef.Parse($"{account}/{runtime}/{skillKey}/{keyName}");
        var credential = await cluster.GetGrain<IAccountGrain>(account)
            .RevokeCredentialAsync(credentialRef, new CredentialRevocation(CallerAccess.Subject(user), expectedVersion));
        return TypedResults.Ok(Response(credential));
    }

    /// <summary>
    /// A programmatic client sent plaintext: seal it to the runtime's key at once, for the version the state machine
    /// will create, so the value travels through the cluster only as ciphertext. The plaintext is not kept.
    /// </summary>
    private static async Task<SealedSecretEnvelope> SealAsync(
        IClusterClient cluster, IAccountGrain account, CredentialRef credentialRef, CredentialSubmissionRequest body, TimeProvider clock)
    {
        var key = await cluster.GetGrain<IRuntimeGrain>(credentialRef.Runtime).GetSealingKeyAsync();
        var version = body.ExpectedVersion is { } expected
            ? expected + 1
            : (await account.GetCredentialAsync(credentialRef)).Version + 1;
        return SecretSealer.Seal(
            Convert.FromBase64String(key.Spki), key.Kid, credentialRef.Runtime, credentialRef.ToString(), version,
            (clock.GetUtcNow() + ServerSealLifetime).ToUnixTimeSeconds(), body.Secret!);
    }

    private static Dictionary<string, string[]> Validate(CredentialSubmissionRequest body, out CredentialRef? credentialRef)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        credentialRef = null;
        if (!ResourceIds.IsAccountId(body.AccountId))
        {
            errors["accountId"] = ["accountId is not an account id"];
        }

        if (!CredentialRef.TryParse(body.CredentialRef, out var parsed))
        {
            errors["credentialRef"] = ["credentialRef must be account/runtime/skillKey/KEY_NAME"];
        }
        else if (!string.Equals(parsed.Value.Account, body.AccountId, StringComparison.Ordinal))
        {
            errors["credentialRef"] = ["credentialRef belongs to another account than accountId"];
        }
        else
        {
            credentialRef = parsed;
        }

        if ((body.Secret is null) == (body.SealedSecret is null))
        {
            errors["secret"] = ["send exactly one of secret and sealedSecret"];
        }
        else if (body.Secret is not null && SecretText.Problem(body.Secret) is { } problem)
        {
            errors["secret"] = [problem];
        }

        if (body.ExpectedVersion is < 0)
        {
            errors["expectedVersion"] = ["expectedVersion cannot be negative"];
        }

        return errors;
    }

    private static CredentialSubmissionResponse Response(CredentialSnapshot credential) =>
        new(credential.CredentialRef, CredentialView.StatusName(credential.Status), credential.Version, credential.Fingerprint);
}
