using System.Diagnostics.CodeAnalysis;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SkillsOrleans.Model.Identifiers;

namespace SkillsOrleans.Api.Auth;

/// <summary>
/// The token handler JwtBearer runs: refuses tokens whose header offers key material, takes signing keys only from
/// the <see cref="JwksKeySource"/> (through an <see cref="TokenValidationParameters.IssuerSigningKeyResolver"/>
/// over the keys of this request), lets <see cref="JsonWebTokenHandler"/> check signature, algorithm, issuer,
/// audience and lifetime, then applies <see cref="BearerTokenRules"/>. Every refusal is logged at Information with
/// a short reason, the key id and the claimed issuer; never the token.
/// </summary>
public sealed class JwksTokenHandler(JwksKeySource keys, BearerTokenRules rules, AuthSettings settings, ILogger<JwksTokenHandler> logger)
    : TokenHandler
{
    private readonly JsonWebTokenHandler _jwt = new() { MapInboundClaims = false };

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(validationParameters);
        if (!TryRead(token, out var presented))
        {
            return Refuse("malformed", presented);
        }

        if (BearerTokenRules.RefuseHeader(presented) is { } headerReason)
        {
            return Refuse(headerReason, presented);
        }

        // Only a token claiming our issuer may make the JWKS be read again for a key id it lacks.
        var mayRefresh = string.Equals(Claimed(presented, "iss"), settings.Issuer, StringComparison.Ordinal);
        var signingKeys = await keys.GetKeysAsync(Header(presented, "kid"), mayRefresh).ConfigureAwait(false);
        var parameters = validationParameters.Clone();
        parameters.IssuerSigningKeyResolver = (_, _, kid, _) => signingKeys.For(kid);

        var result = await _jwt.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return Refuse(Reason(result.Exception), presented, result.Exception);
        }

        return rules.RefuseClaims((JsonWebToken)result.SecurityToken) is { } claimsReason ? Refuse(claimsReason, presented) : result;
    }

    public override Task<TokenValidationResult> ValidateTokenAsync(SecurityToken token, TokenValidationParameters validationParameters) =>
        throw new NotSupportedException("Bearer tokens are validated from their compact serialization.");

    public override SecurityToken ReadToken(string token) => _jwt.ReadToken(token);

    private bool TryRead(string token, [NotNullWhen(true)] out JsonWebToken? presented)
    {
        presented = null;
        if (!_jwt.CanReadToken(token))
        {
            return false;
        }

        try
        {
            presented = _jwt.ReadJsonWebToken(token);
            return true;
        }
        catch (Exception error) when (error is SecurityTokenMalformedException or ArgumentException)
        {
            return false;
        }
    }

    private TokenValidationResult Refuse(string reason, JsonWebToken? presented, Exception? error = null)
    {
        var kid = presented is null ? null : Header(presented, "kid");
        var issuer = presented is null ? null : Claimed(presented, "iss");
        AuthLog.TokenRefused(logger, reason, Printable(kid), Printable(issuer));
        return new TokenValidationResult
        {
            IsValid = false,
            Exception = error ?? new SecurityTokenValidationException("The bearer token was refused."),
        };
    }

    private static string Reason(Exception? error) => error switch
    {
        SecurityTokenExpiredException => "expired",
        SecurityTokenNotYetValidException => "not yet valid",
        SecurityTokenNoExpirationException => "no expiry",
        SecurityTokenInvalidLifetimeException => "lifetime invalid",
        SecurityTokenInvalidIssuerException => "issuer not accepted",
        SecurityTokenInvalidAudienceException => "audience not accepted",
        SecurityTokenInvalidAlgorithmException => "algorithm not accepted",
        SecurityTokenSignatureKeyNotFoundException => "signing key not in the JWKS",
        SecurityTokenInvalidSignatureException => "signature invalid or missing",
        null => "invalid",
        _ => error.GetType().Name,
    };

    private static string? Header(JsonWebToken token, string name) => token.TryGetHeaderValue<string>(name, out var value) ? value : null;

    private static string? Claimed(JsonWebToken token, string name) => token.TryGetPayloadValue<string>(name, out var value) ? value : null;

    private static string Printable(string? value) => value is null ? "(none)" : ResourceIds.Printable(value);
}
