using Microsoft.AspNetCore.Http.HttpResults;
using SkillsOrleans.Contracts.Accounts;

namespace SkillsOrleans.Api.Accounts;

/// <summary>
/// <c>GET /api/accounts/{account}/me</c>: the caller's role in the account and what it may therefore do, so that a
/// client (the admin page) can show inputs only where a write would be allowed. The server checks every write
/// again regardless. Non-members get the same 404 as for an unknown account.
/// </summary>
public static class AccountAccessApi
{
    public static RouteHandlerBuilder MapAccountAccessApi(this RouteGroupBuilder account) =>
        account.MapGet("/me", Get).WithName("GetMyAccountAccess")
            .WithSummary("The caller's role in the account and what it may do (members)");

    private static Ok<AccountAccess> Get(AccountCaller caller) =>
        TypedResults.Ok(new AccountAccess(
            caller.AccountId,
            caller.Subject,
            MemberRoles.Name(caller.Role),
            CanManageCredentials: caller.Role >= MemberRole.Admin,
            CanManageMembers: caller.Role == MemberRole.Owner));
}

/// <summary>
/// The caller in one account: <c>role</c> <c>owner</c>, <c>admin</c> or <c>member</c>; owners and admins deliver,
/// rotate and revoke keys and read the member list; owners change members and settings.
/// </summary>
public sealed record AccountAccess(string Account, string Subject, string Role, bool CanManageCredentials, bool CanManageMembers);
