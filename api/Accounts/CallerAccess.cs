using System.Security.Claims;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Identifiers;

namespace SkillsOrleans.Api.Accounts;

/// <summary>
/// The one gate every account-scoped endpoint passes: the account id from the route or body is checked against the
/// caller's membership in the AccountGrain before anything else is touched. Unknown account, non-member and
/// feature switched off all take the same path and read the same (404), so a refusal never confirms existence.
/// </summary>
public sealed class CallerAccess(IClusterClient cluster)
{
    public static string Subject(ClaimsPrincipal user) =>
        user.FindFirstValue("sub") is { } subject && ResourceIds.IsSubject(subject)
            ? subject
            : throw new UnauthorizedAccessException("The token carries no usable subject.");

    /// <summary>The caller's role in the account, or 404 when the caller may not know the account exists.</summary>
    public async Task<MemberRole> RequireMemberAsync(ClaimsPrincipal user, string accountId)
    {
        var subject = Subject(user);
        if (!ResourceIds.IsAccountId(accountId))
        {
            throw new ResourceNotFoundException("account", ResourceIds.Printable(accountId));
        }

        var account = cluster.GetGrain<IAccountGrain>(accountId);
        var role = await account.GetRoleAsync(subject);
        var snapshot = role is null ? null : await account.GetAsync();
        if (role is null || snapshot is not { SkillsPocEnabled: true })
        {
            throw new ResourceNotFoundException("account", accountId);
        }

        return role.Value;
    }

    /// <summary>Owners and admins write; a member gets 403 (it already knows the account exists).</summary>
    public async Task RequireAdminAsync(ClaimsPrincipal user, string accountId)
    {
        if (await RequireMemberAsync(user, accountId) < MemberRole.Admin)
        {
            throw new ForbiddenActionException("Only owners and admins of this account may do this.");
        }
    }
}

/// <summary>A member asked for something only an admin or owner may do.</summary>
public sealed class ForbiddenActionException(string message) : Exception(message);
