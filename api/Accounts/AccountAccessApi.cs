using System.Security.Claims;
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
    public static void MapAccountAccessApi(this WebApplication app) =>
        app.MapGet("/api/accounts/{account}/me", GetAsync).RequireAuthorization().WithName("GetMyAccountAccess")
            .WithSummary("The caller's role in the account and what it may do (members)")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Ok<AccountAccess>> GetAsync(string account, ClaimsPrincipal user, CallerAccess access)
    {
        var caller = await access.RequireAccountAsync(user, account);
        return TypedResults.Ok(new AccountAccess(
            caller.Account.AccountId,
            CallerAccess.Subject(user),
            MemberRoles.Name(caller.Role),
            CanManageCredentials: caller.Role >= MemberRole.Admin,
            CanManageMembers: caller.Role == MemberRole.Owner));
    }
}

/// <summary>
/// The caller in one account: <c>role</c> <c>owner</c>, <c>admin</c> or <c>member</c>; owners and admins deliver,
/// rotate and revoke keys and read the member list; owners change members and settings.
/// </summary>
public sealed record AccountAccess(string Account, string Subject, string Role, bool CanManageCredentials, bool CanManageMembers);
