using Microsoft.AspNetCore.Http.HttpResults;
using SkillsOrleans.Api.Accounts;
using SkillsOrleans.Api.Auth;
using SkillsOrleans.Api.Errors;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Api.Platform;

/// <summary>
/// Accounts as platform administrators (<c>Auth:PlatformAdmins</c>) manage them: create one with its first owner,
/// read any, and switch its feature flag whatever its state. Anyone else gets the policy's 403.
/// </summary>
public static class PlatformAccountsApi
{
    public static RouteGroupBuilder MapPlatformAccountsApi(this RouteGroupBuilder platform)
    {
        var accounts = platform.MapGroup("/accounts");
        accounts.MapPost("", CreateAsync).WithName("CreateAccount")
            .WithSummary("Create an account with its first owner (platform admins)")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        accounts.MapGet("/{account}", GetAsync).WithName("GetAccount")
            .WithSummary("An account with its members and runtimes (platform admins)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        accounts.MapPut("/{account}/settings", SetSettingsAsync).WithName("SetAccountSettingsAsPlatformAdmin")
            .WithSummary("Switch an account's skills feature, whatever its state (platform admins)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return accounts;
    }

    /// <summary>201 for a new account; 200 with the account unchanged when it exists with that owner; 409 with another.</summary>
    private static async Task<Results<Created<PlatformAccountView>, Ok<PlatformAccountView>, ProblemHttpResult>> CreateAsync(
        AccountCreationRequest body, IClusterClient cluster)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!ResourceIds.IsAccountId(body.AccountId))
        {
            errors["accountId"] = ["accountId must match ^[a-z0-9][a-z0-9-]{0,62}$"];
        }

        if (string.IsNullOrWhiteSpace(body.DisplayName))
        {
            errors["displayName"] = ["displayName is required"];
        }

        if (!ResourceIds.IsSubject(body.OwnerSubject))
        {
            errors["ownerSubject"] = ["ownerSubject is not a valid user id"];
        }

        if (errors.Count > 0)
        {
            return InvalidRequest.Problem(errors);
        }

        var account = cluster.GetGrain<IAccountGrain>(body.AccountId!);
        var existed = await account.GetAsync() is not null;
        var snapshot = await account.CreateAsync(new AccountCreation(body.DisplayName!, body.OwnerSubject!, body.SkillsPocEnabled ?? true));
        var view = PlatformAccountView.Of(snapshot);
        return existed ? TypedResults.Ok(view) : TypedResults.Created($"/api/platform/accounts/{snapshot.AccountId}", view);
    }

    private static async Task<Ok<PlatformAccountView>> GetAsync(string account, IClusterClient cluster) =>
        TypedResults.Ok(PlatformAccountView.Of(await ExistingAsync(cluster, account)));

    private static async Task<Results<Ok<AccountSettingsView>, ProblemHttpResult>> SetSettingsAsync(
        string account, AccountSettingsRequest body, IClusterClient cluster)
    {
        await ExistingAsync(cluster, account);
        return await AccountSettingsApi.ApplyAsync(cluster.GetGrain<IAccountGrain>(account), body);
    }

    /// <summary>The account, or 404 for an unknown or malformed id.</summary>
    internal static async Task<AccountSnapshot> ExistingAsync(IClusterClient cluster, string? accountId) =>
        (ResourceIds.IsAccountId(accountId) ? await cluster.GetGrain<IAccountGrain>(accountId!).GetAsync() : null)
        ?? throw new ResourceNotFoundException("account", ResourceIds.Printable(accountId));
}

/// <summary>
/// <c>POST /api/platform/accounts</c>: <c>{ accountId, displayName, ownerSubject, skillsPocEnabled }</c>;
/// <c>skillsPocEnabled</c> defaults to true.
/// </summary>
public sealed record AccountCreationRequest(string? AccountId, string? DisplayName, string? OwnerSubject, bool? SkillsPocEnabled);

/// <summary>An account as a platform admin sees it: members and bound runtimes included.</summary>
public sealed record PlatformAccountView(
    string AccountId,
    string DisplayName,
    DateTimeOffset CreatedAt,
    bool SkillsPocEnabled,
    IReadOnlyList<MemberView> Members,
    IReadOnlyList<RuntimeBinding> Runtimes)
{
    public static PlatformAccountView Of(AccountSnapshot account) => new(
        account.AccountId, account.DisplayName, account.CreatedAt, account.SkillsPocEnabled, MembersApi.Views(account), account.Runtimes);
}
