using SkillsOrleans.Api.Auth;

namespace SkillsOrleans.Api.Platform;

/// <summary>
/// The <c>/api/platform</c> route group: platform administrators (<c>Auth:PlatformAdmins</c>) manage accounts,
/// runtime bindings and read the fleet; everyone else gets the policy's 403.
/// </summary>
public static class PlatformRoutes
{
    public static RouteGroupBuilder MapPlatformRoutes(this IEndpointRouteBuilder endpoints)
    {
        var platform = endpoints.MapGroup("/api/platform");
        platform.RequireAuthorization(PlatformAdmins.Policy);
        platform.MapPlatformAccountsApi();
        platform.MapPlatformRuntimesApi();
        platform.MapPlatformFleetApi();
        return platform;
    }
}
