using SkillsOrleans.Contracts.Accounts;

namespace SkillsOrleans.Api.Accounts;

/// <summary>
/// The <c>/api/accounts/{account}</c> route group: every route under it needs a signed-in caller, and
/// <see cref="AccountAccessFilter"/> checks the caller against the account before the handler runs. A route states
/// what it needs with <see cref="RequireAccountRole{TBuilder}"/>; without it, membership is enough.
/// </summary>
public static class AccountRoutes
{
    public const string AccountRouteValue = "account";

    public static RouteGroupBuilder MapAccountRoutes(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/api/accounts/{" + AccountRouteValue + "}");
        account.RequireAuthorization()
            .AddEndpointFilter<AccountAccessFilter>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return account;
    }

    /// <summary>The access a route needs; documented as a possible 403 for members below it.</summary>
    public static TBuilder RequireAccountRole<TBuilder>(this TBuilder builder, AccessRequirement requirement)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(requirement).ProducesProblem(StatusCodes.Status403Forbidden);
}
