using Microsoft.AspNetCore.Http.HttpResults;
using SkillsOrleans.Api.Auth;
using SkillsOrleans.Api.Errors;
using SkillsOrleans.Api.Runtimes;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Api.Platform;

/// <summary>
/// Which account a runtime belongs to, as platform administrators set it. A runtime belongs to one account:
/// binding it to another moves it (the old account forgets it; its credentials stay there as history).
/// </summary>
public static class PlatformRuntimesApi
{
    public static RouteGroupBuilder MapPlatformRuntimesApi(this RouteGroupBuilder platform)
    {
        var runtimes = platform.MapGroup("/runtimes/{runtime}/binding");
        runtimes.MapGet("", GetAsync).WithName("GetRuntimeBinding")
            .WithSummary("Which account a runtime is bound to (platform admins)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        runtimes.MapPut("", BindAsync).WithName("BindRuntime")
            .WithSummary("Bind a runtime to an account, moving it from another (platform admins)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return runtimes;
    }

    private static async Task<Ok<RuntimeDirectoryEntry>> GetAsync(string runtime, IClusterClient cluster) =>
        TypedResults.Ok(
            (ResourceIds.IsRuntimeId(runtime) ? await cluster.GetGrain<IRuntimeDirectoryGrain>(runtime).GetAsync() : null)
            ?? throw new ResourceNotFoundException("runtime", ResourceIds.Printable(runtime)));

    /// <summary>
    /// Binds the runtime to the account. A host that is online and configured for another account
    /// (<c>RUNTIME_ACCOUNT</c>) would take its runtime back when it next registers, and would refuse that account's
    /// credentials, so that is a 409; an offline or never-started runtime may be bound ahead of its host.
    /// </summary>
    private static async Task<Results<Ok<RuntimeBindingChange>, ProblemHttpResult>> BindAsync(
        string runtime, RuntimeBindingRequest body, IClusterClient cluster)
    {
        if (!ResourceIds.IsRuntimeId(runtime))
        {
            return InvalidRequest.Problem("runtime", "runtime must match ^[a-z0-9][a-z0-9-]{0,62}$");
        }

        var account = await PlatformAccountsApi.ExistingAsync(cluster, body.AccountId);
        var (reachability, status) = await cluster.ProbeAsync(runtime);
        if (status is not null && !string.Equals(status.AccountId, account.AccountId, StringComparison.Ordinal))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Runtime host serves another account",
                detail: $"Runtime '{runtime}' is online on a host configured for account '{status.AccountId}' (RUNTIME_ACCOUNT). " +
                        "Change the host's configuration first; it would otherwise register there again.");
        }

        var previous = await cluster.GetGrain<IRuntimeDirectoryGrain>(runtime).GetAsync();
        var snapshot = await cluster.GetGrain<IAccountGrain>(account.AccountId).BindRuntimeAsync(runtime);
        var binding = snapshot.Runtimes.Single(r => string.Equals(r.RuntimeId, runtime, StringComparison.Ordinal));
        var movedFrom = previous is not null && !string.Equals(previous.AccountId, account.AccountId, StringComparison.Ordinal)
            ? previous.AccountId
            : null;
        return TypedResults.Ok(new RuntimeBindingChange(runtime, account.AccountId, binding.BoundAt, movedFrom, reachability));
    }
}

/// <summary><c>PUT /api/platform/runtimes/{runtime}/binding</c>: <c>{ "accountId": "..." }</c>.</summary>
public sealed record RuntimeBindingRequest(string? AccountId);

/// <summary>The runtime's binding after the change, the account it left (if any), and whether its host answered.</summary>
public sealed record RuntimeBindingChange(string RuntimeId, string AccountId, DateTimeOffset BoundAt, string? MovedFrom, string State);
