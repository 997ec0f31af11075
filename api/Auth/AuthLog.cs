namespace SkillsOrleans.Api.Auth;

/// <summary>Authentication log messages. Key ids and issuers are untrusted input, logged bounded and control-free.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Bearer token refused: {Reason} (kid {Kid}, iss {Issuer})")]
    public static partial void TokenRefused(ILogger logger, string reason, string kid, string issuer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {KeyCount} signing key(s) from the JWKS at {Address}")]
    public static partial void JwksRead(ILogger logger, string address, int keyCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the JWKS at {Address}; keeping the keys read before, if any")]
    public static partial void JwksReadFailed(ILogger logger, string address, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Auth:Audience is not set: tokens are not checked for an audience, only for the authorized parties (azp)")]
    public static partial void NoAudience(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key id {Kid} is not in the JWKS; not reading it again for another {Wait}")]
    public static partial void JwksReadDeferred(ILogger logger, string kid, TimeSpan wait);
}
