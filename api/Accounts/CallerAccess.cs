using System.Security.Claims;
using SkillsOrleans.Contracts.Accounts;
using SkillsOrleans.Contracts.Errors;
using SkillsOrleans.Contracts.Runtimes;
using SkillsOrleans.Model.Identifiers;

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
    public async Task<MemberRole> RequireMemberAsync(ClaimsPrincipal user, string accountId) =>
        (await RequireAccountAsync(user, accountId)).Role;

    /// <summary>The caller's role and the account as it stands, or 404 when the caller may not know the account exists.</summary>
    public async Task<CallerAccount> RequireAccountAsync(ClaimsPrincipal user, string accountId)
    {
        var (role, snapshot) = await LookUpAsync(user, accountId);
        return IsVisible(role, snapshot)
            ? new CallerAccount(role!.Value, snapshot!)
            : throw new ResourceNotFoundException("account", accountId);
    }

    /// <summary>
    /// For routes named by a runtime alone: the caller must pass <see cref="RequireAccountAsync"/> for the account the
    /// runtime directory binds the runtime to (read without reaching the runtime's host). An unbound runtime and another
    /// tenant's runtime read the same 404 as an unknown runtime, and the account is never named.
    /// </summary>
    public async Task<CallerAccount> RequireRuntimeMemberAsync(ClaimsPrincipal user, string runtimeId)
    {
        Subject(user);
        if (!ResourceIds.IsRuntimeId(runtimeId))
        {
            throw CallerAccount.RuntimeNotFound(runtimeId);
        }

        var binding = await cluster.GetGrain<IRuntimeDirectoryGrain>(runtimeId).GetAsync();
        var (role, snapshot) = binding is null ? (null, null) : await LookUpAsync(user, binding.AccountId);
        if (!IsVisible(role, snapshot))
        {
            throw CallerAccount.RuntimeNotFound(runtimeId);
        }

        var access = new CallerAccount(role!.Value, snapshot!);
        access.RequireRuntime(runtimeId);
        return access;
    }

    /// <summary>Owners and admins write; a member gets 403 (it already knows the account exists).</summary>
    public async Task<CallerAccount> RequireAdminAsync(ClaimsPrincipal user, string accountId)
    {
        var access = await RequireAccountAsync(user, accountId);
        return access.Role >= MemberRole.Admin
            ? access
            : throw new ForbiddenActionException("Only owners and admins of this account may do this.");
    }

    /// <summary>Owners only; admins and members get 403 (they already know the account exists).</summary>
    public async Task<CallerAccount> RequireOwnerAsync(ClaimsPrincipal user, string accountId)
    {
        var access = await RequireAccountAsync(user, accountId);
        return access.Role == MemberRole.Owner ? access : throw OwnersOnly();
    }

    /// <summary>
    /// Owners only, and the one gate an owner passes while <c>skillsPocEnabled</c> is off, so that an owner can switch
    /// the feature back on. Everyone else reads exactly what <see cref="RequireAccountAsync"/> shows them: 404 while the
    /// feature is off or for a non-member, 403 for an admin or member while it is on.
    /// </summary>
    public async Task<CallerAccount> RequireOwnerEvenIfDisabledAsync(ClaimsPrincipal user, string accountId)
    {
        var (role, snapshot) = await LookUpAsync(user, accountId);
        if (role == MemberRole.Owner && snapshot is not null)
        {
            return new CallerAccount(role.Value, snapshot);
        }

        throw IsVisible(role, snapshot) ? OwnersOnly() : new ResourceNotFoundException("account", accountId);
    }

    /// <summary>A member of an existing account with the feature on; anything else is "not found" to the caller.</summary>
    private static bool IsVisible(MemberRole? role, AccountSnapshot? account) => role is not null && account is { SkillsPocEnabled: true };

    /// <summary>The caller's role (null for a non-member or an unknown account) and, for a member only, the account.</summary>
    private async Task<(MemberRole? Role, AccountSnapshot? Account)> LookUpAsync(ClaimsPrincipal user, string accountId)
    {
        var subject = Subject(user);
        if (!ResourceIds.IsAccountId(accountId))
        {
            throw new ResourceNotFoundException("account", ResourceIds.Printable(accountId));
        }

        var account = cluster.GetGrain<IAccountGrain>(accountId);
        var role = await account.GetRoleAsync(subject);
        return (role, role is null ? null : await account.GetAsync());
    }

    private static ForbiddenActionException OwnersOnly() => new("Only owners of this account may do this.");
}

/// <summary>A caller who passed the gate: its role, and the account as it stood when checked.</summary>
public sealed record CallerAccount(MemberRole Role, AccountSnapshot Account)
{
    /// <summary>The runtime's binding to this account, or the same 404 as for a runtime that does not exist.</summary>
    public RuntimeBinding RequireRuntime(string runtimeId) =>
        Account.Runtimes.FirstOrDefault(r => string.Equals(r.RuntimeId, runtimeId, StringComparison.Ordinal))
        ?? throw RuntimeNotFound(runtimeId);

    internal static ResourceNotFoundException RuntimeNotFound(string runtimeId) => new("runtime", ResourceIds.Printable(runtimeId));
}

/// <summary>A member asked for something only an admin or owner may do.</summary>
public sealed class ForbiddenActionException(string message) : Exception(message);
