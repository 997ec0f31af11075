using Microsoft.AspNetCore.Http.HttpResults;
using SkillsOrleans.Api.Errors;
using SkillsOrleans.Contracts.Accounts;

namespace SkillsOrleans.Api.Accounts;

/// <summary>
/// <c>PUT /api/accounts/{account}/settings</c>: an owner switches the account's <c>skillsPocEnabled</c> feature. Owners
/// pass even while it is off, so that they can switch it back on; to everyone else an account with the feature off
/// is the same 404 as an unknown one. Platform admins do the same through <c>/api/platform/accounts/{account}/settings</c>.
/// </summary>
public static class AccountSettingsApi
{
    public static RouteHandlerBuilder MapAccountSettingsApi(this RouteGroupBuilder account) =>
        account.MapPut("/settings", SetAsync).WithName("SetAccountSettings")
            .WithSummary("Switch the account's skills feature (owners, also while it is off)")
            .RequireAccountRole(AccessRequirement.OwnerWhileDisabled)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static Task<Results<Ok<AccountSettingsView>, ProblemHttpResult>> SetAsync(
        AccountSettingsRequest body, AccountCaller caller, IClusterClient cluster) =>
        ApplyAsync(cluster.GetGrain<IAccountGrain>(caller.AccountId), body);

    /// <summary>Validates the body and applies it to an account the caller may change.</summary>
    internal static async Task<Results<Ok<AccountSettingsView>, ProblemHttpResult>> ApplyAsync(IAccountGrain account, AccountSettingsRequest body)
    {
        if (body.SkillsPocEnabled is not { } enabled)
        {
            return InvalidRequest.Problem("skillsPocEnabled", "skillsPocEnabled must be true or false");
        }

        return TypedResults.Ok(AccountSettingsView.Of(await account.SetSkillsPocEnabledAsync(enabled)));
    }
}

/// <summary><c>{ "skillsPocEnabled": true | false }</c>.</summary>
public sealed record AccountSettingsRequest(bool? SkillsPocEnabled);

/// <summary>An account's settings as they stand after a change.</summary>
public sealed record AccountSettingsView(string AccountId, string DisplayName, bool SkillsPocEnabled)
{
    public static AccountSettingsView Of(AccountSnapshot account) => new(account.AccountId, account.DisplayName, account.SkillsPocEnabled);
}
