using System.Collections.Frozen;
using System.Globalization;
using System.Net;
using SkillsOrleans.Api.DevIssuer;
using SkillsOrleans.Api.Hosting;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Api.Auth;

/// <summary>
/// Who may call the API: the token issuer, where its signing keys are published (JWKS), the authorized parties
/// (<c>azp</c>) accepted, and the platform administrators. Read once at start from the <c>Auth</c> section
/// (environment <c>Auth__…</c>); <c>CLERK_JWKS_URL</c> is accepted for <c>Auth:JwksUrl</c>. In Development each
/// missing value falls back to the development token issuer; anywhere else a missing value stops the API. The
/// audience is required whenever one is known: the configured <c>Auth:Audience</c>, or the development issuer's own
/// when its keys are the ones trusted.
/// </summary>
public sealed record AuthSettings(
    string Issuer,
    string JwksAddress,
    bool JwksFromDevIssuer,
    bool RequireHttpsJwks,
    FrozenSet<string> AuthorizedParties,
    string? Audience,
    TimeSpan ClockSkew,
    TimeSpan JwksMinimumRefreshInterval,
    FrozenSet<string> PlatformAdmins)
{
    public const string Section = "Auth";

    public static readonly TimeSpan DefaultClockSkew = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DefaultJwksMinimumRefreshInterval = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan MaximumClockSkew = TimeSpan.FromMinutes(5);

    public static AuthSettings From(IConfiguration configuration, IHostEnvironment environment)
    {
        var auth = configuration.GetSection(Section);
        var dev = environment.IsDevelopment()
            ? configuration.GetSection("DevIssuer").Get<DevIssuerOptions>() ?? new DevIssuerOptions()
            : null;

        var issuer = Text(auth["Issuer"]) ?? dev?.Issuer;
        var jwksUrl = Text(auth["JwksUrl"]) ?? Text(configuration["CLERK_JWKS_URL"]);
        var parties = ConfigurationList.Of(auth.GetSection("AuthorizedParties"));
        if (parties.Count == 0 && dev is not null)
        {
            parties = [dev.AuthorizedParty];
        }

        var missing = new List<string>();
        if (issuer is null)
        {
            missing.Add("Auth:Issuer (Auth__Issuer)");
        }

        if (jwksUrl is null && dev is null)
        {
            missing.Add("Auth:JwksUrl (Auth__JwksUrl or CLERK_JWKS_URL)");
        }

        if (parties.Count == 0)
        {
            missing.Add("Auth:AuthorizedParties (Auth__AuthorizedParties__0, Auth__AuthorizedParties__1, …)");
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Authentication is not configured, so the API will not start. Set {string.Join(", ", missing)}. " +
                "Only in the Development environment does the development token issuer stand in for them.");
        }

        var admins = ConfigurationList.Of(auth.GetSection("PlatformAdmins"));
        if (admins.FirstOrDefault(admin => !ResourceIds.IsSubject(admin)) is { } badAdmin)
        {
            throw new InvalidOperationException($"Auth:PlatformAdmins: '{ResourceIds.Printable(badAdmin)}' is not a valid subject.");
        }

        var fromDevIssuer = jwksUrl is null;
        return new AuthSettings(
            issuer!,
            fromDevIssuer ? dev!.Issuer + "/.well-known/jwks.json" : jwksUrl!,
            fromDevIssuer,
            fromDevIssuer || RequiresHttps(jwksUrl!, allowLoopbackHttp: dev is not null || auth.GetValue("AllowLoopbackHttpJwks", false)),
            parties.ToFrozenSet(StringComparer.Ordinal),
            Text(auth["Audience"]) ?? (fromDevIssuer ? dev!.Audience : null),
            Interval(auth, "ClockSkew", DefaultClockSkew, TimeSpan.Zero, MaximumClockSkew),
            Interval(auth, "JwksMinimumRefreshInterval", DefaultJwksMinimumRefreshInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)),
            admins.ToFrozenSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// The JWKS must be fetched over https. Plain http is accepted only for a loopback address (127.0.0.0/8, ::1,
    /// localhost), and only when allowed (Development, or <c>Auth:AllowLoopbackHttpJwks</c>): no setting lets
    /// signing keys travel in clear text over a network.
    /// </summary>
    private static bool RequiresHttps(string jwksUrl, bool allowLoopbackHttp)
    {
        if (!Uri.TryCreate(jwksUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidOperationException($"Auth:JwksUrl '{ResourceIds.Printable(jwksUrl)}' is not an absolute https URL.");
        }

        if (uri.UserInfo.Length > 0)
        {
            throw new InvalidOperationException("Auth:JwksUrl must not carry credentials.");
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return true;
        }

        if (!IsLoopback(uri))
        {
            throw new InvalidOperationException(
                $"Auth:JwksUrl '{ResourceIds.Printable(jwksUrl)}' must use https; plain http is accepted only for a loopback address.");
        }

        return allowLoopbackHttp
            ? false
            : throw new InvalidOperationException(
                $"Auth:JwksUrl '{ResourceIds.Printable(jwksUrl)}' uses plain http. That is accepted for a loopback address only in " +
                "Development or with Auth:AllowLoopbackHttpJwks=true.");
    }

    private static bool IsLoopback(Uri uri) =>
        string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.IdnHost, out var address) && IPAddress.IsLoopback(address));

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>An interval given in seconds ("30") or as a time span ("00:00:30").</summary>
    private static TimeSpan Interval(IConfigurationSection section, string key, TimeSpan fallback, TimeSpan minimum, TimeSpan maximum)
    {
        var value = Text(section[key]);
        if (value is null)
        {
            return fallback;
        }

        TimeSpan interval;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            interval = TimeSpan.FromSeconds(seconds);
        }
        else if (!TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out interval))
        {
            throw new InvalidOperationException($"Auth:{key} '{ResourceIds.Printable(value)}' is neither seconds nor a time span.");
        }

        return interval >= minimum && interval <= maximum
            ? interval
            : throw new InvalidOperationException($"Auth:{key} must be between {minimum} and {maximum}.");
    }
}
