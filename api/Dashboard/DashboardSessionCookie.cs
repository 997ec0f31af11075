using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace SkillsOrleans.Api.Dashboard;

/// <summary>
/// The dashboard session cookie's value: 32 random bytes, base64url. It is a bearer credential, so only its SHA-256
/// names the session's grain; a value of any other form is refused before the cluster is asked.
/// </summary>
public static partial class DashboardSessionCookie
{
    public static string NewValue() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The session grain's key for a cookie value, or null when the value cannot be one of ours.</summary>
    public static string? GrainKeyOf(string? value) =>
        value is not null && Form().IsMatch(value) ? Base64Url.EncodeToString(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(value))) : null;

    public static CookieOptions Options(HttpRequest request, DateTimeOffset expiresAt) => new()
    {
        Path = DashboardAccess.Path,
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Expires = expiresAt, // the browser drops it then too
        IsEssential = true,
    };

    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial Regex Form();
}
