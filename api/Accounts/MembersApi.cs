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
    public static RouteGroupBuilder MapMembersApi(this RouteGroupBuilder account)
    {
        var members = account.MapGroup("/members");
        members.MapGet("", List).WithName("ListMembers")
            .WithSummary("The account's members and their roles (owners and admins)")
            .RequireAccountRole(AccessRequirement.Admin);
        members.MapPut("/{subject}", SetAsync).WithName("SetMember")
            .WithSummary("Add a member or change a member's role (owners)")
            .RequireAccountRole(AccessRequirement.Owner)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        members.MapDelete("/{subject}", RemoveAsync).WithName("RemoveMember")
            .WithSummary("Remove a member (owners); the last owner stays")
            .RequireAccountRole(AccessRequirement.Owner)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return members;
    }

    private static Ok<IReadOnlyList<MemberView>> List(AccountCaller caller) => TypedResults.Ok(Views(caller.Account));

    private static async Task<Results<Ok<MemberView>, ProblemHttpResult>> SetAsync(
        string subject, MemberRoleRequest body, AccountCaller caller, IClusterClient cluster)
    {
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

        var snapshot = await cluster.GetGrain<IAccountGrain>(caller.AccountId).SetMemberAsync(subject, role);
        return TypedResults.Ok(new MemberView(subject, MemberRoles.Name(snapshot.Members[subject])));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string subject, AccountCaller caller, IClusterClient cluster)
    {
        if (!ResourceIds.IsSubject(subject))
        {
            return InvalidRequest.Problem("subject", "subject is not a valid user id");
        }

        await cluster.GetGrain<IAccountGrain>(caller.AccountId).RemoveMemberAsync(subject);
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
