using Microsoft.AspNetCore.Http.HttpResults;
using SkillsOrleans.Api.Accounts;
using SkillsOrleans.Api.Errors;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Webhooks;

namespace SkillsOrleans.Api.Webhooks;

/// <summary>
/// An account's outgoing webhook under <c>/api/accounts/{account}/webhook</c> (owners set and remove it, admins read how
/// delivery stands), and the public keys receivers verify signatures with at <c>/webhooks/jwks.json</c> (anyone).
/// </summary>
public static class WebhookApi
{
    public static RouteGroupBuilder MapWebhookApi(this RouteGroupBuilder account)
    {
        var webhook = account.MapGroup("/webhook");
        webhook.MapGet("", GetAsync).WithName("GetWebhook")
            .WithSummary("How the account's webhook stands: where it goes (scheme, host, port), deliveries, the last failure")
            .RequireAccountRole(AccessRequirement.Admin);
        webhook.MapPut("", SetAsync).WithName("SetWebhook")
            .WithSummary("Send the account's key events (requests arriving, keys changing state) to a URL, signed with ES256")
            .WithDescription("Events recorded from now on are POSTed in order, at least once, until the receiver answers 2xx. " +
                "Verify the webhook-signature header with the keys at /webhooks/jwks.json.")
            .RequireAccountRole(AccessRequirement.Owner)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        webhook.MapDelete("", RemoveAsync).WithName("RemoveWebhook")
            .WithSummary("Stop sending the account's webhooks")
            .RequireAccountRole(AccessRequirement.Owner);
        return webhook;
    }

    public static RouteHandlerBuilder MapWebhookKeys(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/webhooks/jwks.json", GetKeysAsync).AllowAnonymous().WithName("GetWebhookSigningKeys")
            .WithSummary("The public keys (JWKS, ES256) webhooks are signed with");

    private static async Task<Results<Ok<WebhookStatus>, NoContent>> GetAsync(AccountCaller caller, IClusterClient cluster) =>
        await cluster.GetGrain<IAccountWebhookGrain>(caller.AccountId).GetAsync() is { } status
            ? TypedResults.Ok(status)
            : TypedResults.NoContent();

    private static async Task<Results<Ok<WebhookStatus>, ProblemHttpResult>> SetAsync(WebhookRequest body, AccountCaller caller, IClusterClient cluster)
    {
        if (string.IsNullOrWhiteSpace(body.Url))
        {
            return InvalidRequest.Problem("url", "url is the address webhooks are POSTed to");
        }

        return TypedResults.Ok(await cluster.GetGrain<IAccountWebhookGrain>(caller.AccountId).ConfigureAsync(new WebhookConfiguration(body.Url, caller.Subject)));
    }

    private static async Task<NoContent> RemoveAsync(AccountCaller caller, IClusterClient cluster)
    {
        await cluster.GetGrain<IAccountWebhookGrain>(caller.AccountId).RemoveAsync(caller.Subject);
        return TypedResults.NoContent();
    }

    private static async Task<ContentHttpResult> GetKeysAsync(IClusterClient cluster, HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Content(await cluster.GetGrain<IWebhookKeysGrain>(0).GetJsonWebKeySetAsync(), "application/json");
    }
}

/// <summary><c>{ "url": "https://…" }</c>.</summary>
public sealed record WebhookRequest(string? Url);
