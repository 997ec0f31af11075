using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SkillsOrleans.Api.Accounts;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Sealing;

namespace SkillsOrleans.Api.Runtimes;

/// <summary>
/// The runtimes bound to an account, each one's public sealing key and its health. Membership is checked first,
/// from the account (or, for a route named by runtime alone, from the runtime directory) — never by asking the
/// runtime's host, so an offline host cannot change who is told what.
/// </summary>
public static class RuntimesApi
{
    /// <summary>The account's runtimes: <c>/api/accounts/{account}/runtimes</c>.</summary>
    public static RouteGroupBuilder MapRuntimesApi(this RouteGroupBuilder account)
    {
        var runtimes = account.MapGroup("/runtimes");
        runtimes.MapGet("", ListAsync).WithName("ListRuntimes")
            .WithSummary("The runtimes bound to the account: online or not, skills, credentials by status, gateway reload");
        runtimes.MapGet("/{runtime}/sealing-key", GetSealingKeyAsync).WithName("GetRuntimeSealingKey")
            .WithSummary("The runtime host's public key, to seal a secret in the browser")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        runtimes.MapGet("/{runtime}/config-keys", ListConfigKeysAsync).WithName("ListRuntimeConfigKeys")
            .WithSummary("Keys the host's openclaw.json holds by hand, outside management (names only): each can be imported")
            .RequireAccountRole(AccessRequirement.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return runtimes;
    }

    /// <summary>Routes named by a runtime alone: <c>/api/runtimes/{runtime}</c>, checked through the runtime directory.</summary>
    public static RouteGroupBuilder MapRuntimeHealthApi(this IEndpointRouteBuilder endpoints)
    {
        var runtime = endpoints.MapGroup("/api/runtimes/{runtime}").RequireAuthorization();
        runtime.MapGet("/health", GetHealthAsync).WithName("GetRuntimeHealth")
            .WithSummary("The runtime host's health: skill sync, secret file, OpenClaw config, gateway reload")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return runtime;
    }

    /// <summary>Every bound runtime, with its hosts probed in parallel under a short deadline, so one offline host costs no one time.</summary>
    private static async Task<Ok<IReadOnlyList<RuntimeListing>>> ListAsync(AccountCaller caller, IClusterClient cluster) =>
        TypedResults.Ok<IReadOnlyList<RuntimeListing>>([.. (await RuntimeListings.ForAsync(
            cluster, caller.AccountId, [.. caller.Account.Runtimes.Select(b => (b.RuntimeId, (RuntimeBinding?)b))])).Select(HostErrorCodes.ForMembers)]);

    /// <summary>The host's public key, for sealing a value in the browser (WebCrypto); 503 while the host is offline or not answering.</summary>
    private static async Task<Ok<SealingPublicKey>> GetSealingKeyAsync(string runtime, AccountCaller caller, RuntimeSealingKeys sealingKeys) =>
        TypedResults.Ok(await sealingKeys.GetAsync(caller.Access, runtime));

    /// <summary>Asked of the host (its openclaw.json is there); 503 while it is offline, 404 for a runtime not bound to the account.</summary>
    private static async Task<Ok<IReadOnlyList<HostConfigKeyView>>> ListConfigKeysAsync(string runtime, AccountCaller caller, IClusterClient cluster)
    {
        if (!caller.Account.Runtimes.Any(r => r.RuntimeId == runtime))
        {
            throw new ResourceNotFoundException("runtime", runtime);
        }

        var keys = await cluster.AskRuntimeAsync(runtime, grain => grain.ListUnmanagedConfigKeysAsync());
        return TypedResults.Ok<IReadOnlyList<HostConfigKeyView>>(
            [.. keys.Select(k => new HostConfigKeyView(k.SkillKey, k.KeyName, $"{caller.AccountId}/{runtime}/{k.SkillKey}/{k.KeyName}"))]);
    }

    private static async Task<Ok<RuntimeHealth>> GetHealthAsync(
        string runtime, ClaimsPrincipal user, CallerAccess access, IClusterClient cluster)
    {
        await access.RequireRuntimeMemberAsync(user, runtime);
        return TypedResults.Ok(HostErrorCodes.ForMembers(await cluster.AskRuntimeAsync(runtime, grain => grain.GetHealthAsync())));
    }
}

/// <summary>A key the host's openclaw.json holds by hand: what to import (<c>POST …/credentials/{credentialRef}/import</c>), never its value.</summary>
public sealed record HostConfigKeyView(string SkillKey, string KeyName, string CredentialRef);
