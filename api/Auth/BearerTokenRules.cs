using Microsoft.IdentityModel.JsonWebTokens;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Api.Auth;

/// <summary>
/// What this API demands of a bearer token beyond signature, issuer, audience and lifetime (which the JWT handler
/// checks). Each rule answers a short reason when it refuses; the reason is logged, never sent to the caller.
/// </summary>
public sealed class BearerTokenRules(AuthSettings settings, TimeProvider clock)
{
    /// <summary>
    /// Header parameters that point at key material or carry it (RFC 7515 §4.1.2–4.1.6). Keys come only from the
    /// configured JWKS, so a token that offers its own is refused outright rather than have the offer ignored.
    /// </summary>
    private static readonly string[] KeyBearingHeaders = ["jku", "jwk", "x5u", "x5c"];

    /// <summary>
    /// The <c>typ</c> values of an access token: <c>JWT</c> (what Clerk and most issuers write) and <c>at+jwt</c>
    /// (RFC 9068), compared without regard to case and with the <c>application/</c> prefix optional (RFC 7515
    /// §4.1.9). Any other type names a token made for something else (logout, security event, DPoP proof…); a token
    /// without <c>typ</c> says nothing about what it is for. Both are refused (RFC 8725 §3.11).
    /// </summary>
    private static readonly string[] AccessTokenTypes = ["JWT", "at+jwt", "application/jwt", "application/at+jwt"];

    /// <summary>Checked before any key is looked up.</summary>
    public static string? RefuseHeader(JsonWebToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.IsEncrypted)
        {
            return "encrypted tokens are not accepted";
        }

        if (KeyBearingHeaders.FirstOrDefault(name => token.TryGetHeaderValue<object>(name, out _)) is { } header)
        {
            return $"'{header}' header present";
        }

        if (!AccessTokenTypes.Contains(token.Typ, StringComparer.OrdinalIgnoreCase))
        {
            return "'typ' is not an access token type";
        }

        // RFC 7515 §4.1.11: a recipient that does not understand the listed extensions must refuse the token.
        return token.TryGetHeaderValue<object>("crit", out _) ? "'crit' header present" : null;
    }

    /// <summary>Checked once the token has been validated.</summary>
    public string? RefuseClaims(JsonWebToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!token.TryGetPayloadValue<string>(UserClaims.Subject, out var subject) || !ResourceIds.IsSubject(subject))
        {
            return "missing or malformed 'sub'";
        }

        // Clerk session tokens carry no 'aud'; 'azp' names the origin the session was created for.
        if (!token.TryGetPayloadValue<string>("azp", out var party) || party is null)
        {
            return "missing 'azp'";
        }

        if (!settings.AuthorizedParties.Contains(party))
        {
            return "'azp' not authorized";
        }

        if (!token.TryGetPayloadValue<long>("iat", out var issuedAt))
        {
            return "missing 'iat'";
        }

        return issuedAt > (clock.GetUtcNow() + settings.ClockSkew).ToUnixTimeSeconds() ? "'iat' in the future" : null;
    }
}
