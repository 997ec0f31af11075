using System.Globalization;
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

    /// <summary>When the caller's token expires (<c>exp</c>); null when it names no expiry.</summary>
    public static DateTimeOffset? ExpiresAt(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return long.TryParse(user.FindFirst("exp")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var exp)
            ? DateTimeOffset.FromUnixTimeSeconds(exp)
            : null;
    }
}
