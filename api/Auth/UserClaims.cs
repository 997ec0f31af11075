using System.Security.Claims;

namespace SkillsOrleans.Api.Auth;

/// <summary>Claims of an authenticated caller, named as the token names them (inbound claim mapping is off).</summary>
public static class UserClaims
{
    public const string Subject = "sub";

    /// <summary>The caller's subject (<c>sub</c>); present and well-formed for every authenticated caller.</summary>
    public static string? SubjectOf(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true ? user.FindFirst(Subject)?.Value : null;
    }
}
