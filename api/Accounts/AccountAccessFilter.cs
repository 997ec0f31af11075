using SkillsOrleans.Contracts.Accounts;

namespace SkillsOrleans.Api.Accounts;

/// <summary>
/// Checks the caller against the route's account before any account route runs, with the requirement the route
/// declares (membership by default), and hands the outcome to the handler through <see cref="AccountCaller"/>.
/// Handlers never check access themselves; a refusal is a 404 (or 403 for a member) before any work is done,
/// whatever else is wrong with the request, so a probe of another tenant always reads the same.
/// </summary>
public sealed class AccountAccessFilter(CallerAccess access) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var requirement = http.GetEndpoint()?.Metadata.GetMetadata<AccessRequirement>() ?? AccessRequirement.Member;
        var accountId = http.Request.RouteValues[AccountRoutes.AccountRouteValue] as string ?? "";
        var caller = await access.RequireAsync(http.User, accountId, requirement);
        http.RequestServices.GetRequiredService<AccountCaller>().Grant(caller);
        return await next(context);
    }
}

/// <summary>
/// The caller of an account route as <see cref="AccountAccessFilter"/> admitted it: one per request, so a handler
/// takes it as a parameter. Reading it on a route outside the account group is a programming error.
/// </summary>
public sealed class AccountCaller
{
    private CallerAccount? _access;

    public CallerAccount Access => _access ?? throw new InvalidOperationException("The route is not in the account route group.");

    public string Subject => Access.Subject;

    public string AccountId => Access.AccountId;

    public MemberRole Role => Access.Role;

    public AccountSnapshot Account => Access.Account;

    internal void Grant(CallerAccount access) => _access = access;
}
