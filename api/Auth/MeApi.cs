using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SkillsOrleans.Api.Auth;

/// <summary><c>GET /api/me</c>: who the bearer token says the caller is.</summary>
public static class MeApi
{
    public static RouteHandlerBuilder MapMe(this IEndpointRouteBuilder endpoints) => endpoints.MapGet("/api/me", GetMe).RequireAuthorization()
        .WithSummary("Who the bearer token says the caller is");

    private static Ok<CurrentUser> GetMe(ClaimsPrincipal user, PlatformAdmins admins) =>
        TypedResults.Ok(new CurrentUser(user.SubjectOf()!, admins.IsPlatformAdmin(user)));
}

public sealed record CurrentUser(string Subject, bool PlatformAdmin);
