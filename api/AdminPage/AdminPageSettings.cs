using System.Net;
using SkillsOrleans.Api.Auth;
using SkillsOrleans.ClientHosting.Demo;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Api.AdminPage;

/// <summary>
/// How the admin page signs people in, read once at start: an OpenID Connect issuer (section <c>AdminPage:Oidc</c>,
/// authorization code + PKCE in the browser) and, in Development only, the dev sign-in that lists the seeded users
/// and takes tokens from <c>/dev/token</c>. A half-configured or non-https issuer stops the API at start.
/// </summary>
public sealed record AdminPageSettings(OidcClientSettings? Oidc, bool DevSignIn, IReadOnlyList<DevSignInUser> DevUsers)
{
    public const string Section = "AdminPage";

    public const string DefaultScope = "openid profile email";

    public static AdminPageSettings From(IConfiguration configuration, IHostEnvironment environment, AuthSettings auth)
    {
        var section = configuration.GetSection(Section).GetSection("Oidc");
        var authority = Text(section["Authority"]);
        var clientId = Text(section["ClientId"]);
        if ((authority is null) != (clientId is null))
        {
            throw new InvalidOperationException(
                "AdminPage:Oidc needs both Authority and ClientId (AdminPage__Oidc__Authority, AdminPage__Oidc__ClientId), or neither.");
        }

        var oidc = authority is null ? null : new OidcClientSettings(IssuerUrl(authority), clientId!, Text(section["Scope"]) ?? DefaultScope);
        var dev = environment.IsDevelopment();
        return new AdminPageSettings(oidc, dev, dev ? DevUsersOf(auth) : []);
    }

    /// <summary>The seeded demo users, then the configured platform admins (the dev issuer signs for any of them).</summary>
    private static List<DevSignInUser> DevUsersOf(AuthSettings auth) =>
    [
        .. DemoData.Users.Select(user => new DevSignInUser(user.Subject, user.Account, user.Role.ToString().ToLowerInvariant())),
        .. auth.PlatformAdmins.Order(StringComparer.Ordinal).Select(subject => new DevSignInUser(subject, null, "platform admin")),
    ];

    /// <summary>https, or plain http to a loopback address (a local issuer); never credentials, a query or a fragment.</summary>
    private static string IssuerUrl(string authority)
    {
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)))
            || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new InvalidOperationException(
                $"AdminPage:Oidc:Authority '{ResourceIds.Printable(authority)}' must be an https URL (plain http only for a loopback address), " +
                "without credentials, query or fragment.");
        }

        return authority.TrimEnd('/');
    }

    private static bool IsLoopback(Uri uri) =>
        string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.IdnHost, out var address) && IPAddress.IsLoopback(address));

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The OpenID Connect issuer the page signs in with; <see cref="Authority"/> has no trailing slash.</summary>
public sealed record OidcClientSettings(string Authority, string ClientId, string Scope)
{
    /// <summary>The issuer's origin, which the page's Content-Security-Policy lets it connect to.</summary>
    public string Origin => new Uri(Authority).GetLeftPart(UriPartial.Authority);
}

/// <summary>A user the development sign-in offers: the seeded demo users and the platform admins.</summary>
public sealed record DevSignInUser(string Subject, string? Account, string Role);
