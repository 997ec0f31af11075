using System.Security.Claims;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Api.Accounts;

/// <summary>
/// The one access check of the API, made by the AccountGrain in one call (<see cref="IAccountGrain.AuthorizeAsync"/>).
/// Unknown account, non-member and feature switched off all read the same (404), so a refusal never confirms that
/// an account exists; a member without the role a call needs gets 403.
/// </summary>
public sealed class CallerAccess(IClusterClient cluster)
{
    public static string Subject(ClaimsPrincipal user) =>
        user.FindFirstValue("sub") is { } subject && ResourceIds.IsSubject(subject)
            ? subject
            : throw new UnauthorizedAccessException("The token carries no usable subject.");

    /// <summary>The caller's access to the account, or the refusal the caller may be told (404 or 403).</summary>
    public async Task<CallerAccount> RequireAsync(ClaimsPrincipal user, string accountId, AccessRequirement requirement)
    {
        var decision = await DecideAsync(user, accountId, requirement);
        return decision.Verdict switch
        {
            AccessVerdict.Granted => new CallerAccount(Subject(user), decision.Role!.Value, decision.Account!),
            AccessVerdict.Forbidden => throw new ForbiddenActionException(
                requirement.MinimumRole == MemberRole.Owner
                    ? "Only owners of this account may do this."
                    : "Only owners and admins of this account may do this."),
            _ => throw new ResourceNotFoundException("account", accountId),
        };
    }

    /// <summary>
    /// For routes named by a runtime alone: the caller must be a member of the account the runtime directory binds
    /// the runtime to (read without reaching the runtime's host). An unbound runtime and another tenant's runtime read
    /// the same 404 as an unknown runtime, and the account is never named.
    /// </summary>
    public async Task<CallerAccount> RequireRuntimeMemberAsync(ClaimsPrincipal user, string runtimeId)
    {
        Subject(user);
        if (!ResourceIds.IsRuntimeId(runtimeId))
        {
            throw CallerAccount.RuntimeNotFound(runtimeId);
        }

        var binding = await cluster.GetGrain<IRuntimeDirectoryGrain>(runtimeId).GetAsync();
        var decision = binding is null ? AccessDecision.NotFound : await DecideAsync(user, binding.AccountId, AccessRequirement.Member);
        if (decision.Verdict != AccessVerdict.Granted)
        {
            throw CallerAccount.RuntimeNotFound(runtimeId);
        }

        var access = new CallerAccount(Subject(user), decision.Role!.Value, decision.Account!);
        access.RequireRuntime(runtimeId);
        return access;
    }

    private Task<AccessDecision> DecideAsync(ClaimsPrincipal user, string accountId, AccessRequirement requirement)
    {
        var subject = Subject(user);
        return ResourceIds.IsAccountId(accountId)
            ? cluster.GetGrain<IAccountGrain>(accountId).AuthorizeAsync(subject, requirement)
            : throw new ResourceNotFoundException("account", ResourceIds.Printable(accountId));
    }
}

/// <summary>A caller who passed the gate: who, its role, and the account as it stood when checked.</summary>
public sealed record CallerAccount(string Subject, MemberRole Role, AccountSnapshot Account)
{
    public string AccountId => Account.AccountId;

    /// <summary>The runtime's binding to this account, or the same 404 as for a runtime that does not exist.</summary>
    public RuntimeBinding RequireRuntime(string runtimeId) =>
        Account.Runtimes.FirstOrDefault(r => string.Equals(r.RuntimeId, runtimeId, StringComparison.Ordinal))
        ?? throw RuntimeNotFound(runtimeId);

    internal static ResourceNotFoundException RuntimeNotFound(string runtimeId) => new("runtime", ResourceIds.Printable(runtimeId));
}

/// <summary>A member asked for something only an admin or owner may do.</summary>
public sealed class ForbiddenActionException(string message) : Exception(message);
