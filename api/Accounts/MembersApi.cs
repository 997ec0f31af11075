using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SkillsOrleans.Api.Errors;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Api.Accounts;

/// <summary>
/// An account's members and their roles. Owners and admins read the list; only owners change it. The account
/// keeps at least one owner: removing or demoting the last one is a 409.
/// </summary>
public static class MembersApi
{
    public static void MapMembersApi(this WebApplication app)
    {
        var members = app.MapGroup("/api/accounts/{account}/members").RequireAuthorization();
        members.MapGet("", ListAsync).WithName("ListMembers")
            .WithSummary("The account's members and their roles (owners and admins)")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        members.MapPut("/{subject}", SetAsync).WithName("SetMember")
            .WithSummary("Add a member or change a member's role (owners)")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        members.MapDelete("/{subject}", RemoveAsync).WithName("RemoveMember")
            .WithSummary("Remove a member (owners); the last owner stays")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Ok<IReadOnlyList<MemberView>>> ListAsync(string account, ClaimsPrincipal user, CallerAccess access)
    {
        var caller = await access.RequireAdminAsync(user, account);
        return TypedResults.Ok(Views(caller.Account));
    }

    private static async Task<Results<Ok<MemberView>, ProblemHttpResult>> SetAsync(
        string account, string subject, MemberRoleRequest body, ClaimsPrincipal user, CallerAccess access, IClusterClient cluster)
    {
        await access.RequireOwnerAsync(user, account);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!ResourceIds.IsSubject(subject))
        {
            errors["subject"] = ["subject is not a valid user id"];
        }

        if (!MemberRoles.TryParse(body.Role, out var role))
        {
            errors["role"] = ["role must be one of owner, admin, member"];
        }

        if (errors.Count > 0)
        {
            return InvalidRequest.Problem(errors);
        }

        var snapshot = await cluster.GetGrain<IAccountGrain>(account).SetMemberAsync(subject, role);
        return TypedResults.Ok(new MemberView(subject, MemberRoles.Name(snapshot.Members[subject])));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string account, string subject, ClaimsPrincipal user, CallerAccess access, IClusterClient cluster)
    {
        await access.RequireOwnerAsync(user, account);
        if (!ResourceIds.IsSubject(subject))
        {
            return InvalidRequest.Problem("subject", "subject is not a valid user id");
        }

        await cluster.GetGrain<IAccountGrain>(account).RemoveMemberAsync(subject);
        return TypedResults.NoContent();
    }

    /// <summary>Owners first, then admins, then members; by subject within a role.</summary>
    internal static IReadOnlyList<MemberView> Views(AccountSnapshot account) =>
    [
        .. account.Members
            .OrderByDescending(m => m.Value)
            .ThenBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => new MemberView(m.Key, MemberRoles.Name(m.Value))),
    ];
}

/// <summary><c>PUT /api/accounts/{account}/members/{subject}</c>: <c>{ "role": "owner" | "admin" | "member" }</c>.</summary>
public sealed record MemberRoleRequest(string? Role);

/// <summary>A member of an account: its subject (the token's <c>sub</c>) and role (<c>owner</c>, <c>admin</c>, <c>member</c>).</summary>
public sealed record MemberView(string Subject, string Role);
