namespace SkillsOrleans.Api.AdminPage;

/// <summary>
/// The response headers of every admin page file. The Content-Security-Policy allows scripts and styles from this
/// origin only (no inline code, no eval), connections to this API and the sign-in issuer only, and no framing. With
/// Trusted Types required and no policy allowed, a string can never be turned into markup or script, even by a bug:
/// the page builds its DOM with elements and text nodes.
/// </summary>
public sealed class AdminPageHeaders(AdminPageSettings settings)
{
    public string ContentSecurityPolicy { get; } = string.Join("; ",
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src " + string.Join(' ', new[] { "'self'", settings.Oidc?.Origin }.OfType<string>()),
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
        "require-trusted-types-for 'script'",
        "trusted-types 'none'");

    /// <param name="cacheControl">Files change with each release: revalidated by ETag, or not stored at all for dynamic answers.</param>
    public void Apply(HttpResponse response, string cacheControl)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer"; // the sign-in callback's code must not leak to anyone
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
        headers.CacheControl = cacheControl;
    }
}
