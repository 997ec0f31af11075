using Microsoft.Extensions.Logging;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>Everything the gateway reload logs: reasons, failure kinds, counts, paths; never the token or a secret.</summary>
internal static partial class GatewayReloadLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Gateway secrets reload requested: {Reason}")]
    public static partial void Requested(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway reloaded its secrets after {Attempts} attempt(s)")]
    public static partial void Reloaded(ILogger logger, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway reloaded its secrets after {Attempts} attempt(s) with {WarningCount} warning(s): some owners keep their last good value or stay unavailable (see the gateway log)")]
    public static partial void ReloadedWithWarnings(ILogger logger, int attempts, int warningCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway secrets reload failed ({Failure}): {Error} The reload stays pending; next attempt at {NextAttemptAt:O}")]
    public static partial void Failed(ILogger logger, GatewayReloadFailure failure, string error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Gateway secrets reload failed again ({Failure}); next attempt at {NextAttemptAt:O}")]
    public static partial void FailedAgain(ILogger logger, GatewayReloadFailure failure, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gateway secrets reload failed unexpectedly; the reload stays pending")]
    public static partial void FailedUnexpectedly(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway cannot be asked to reload; wrote the reload flag file {Path}")]
    public static partial void FlagWritten(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the reload flag file {Path}; trying again at the next failed attempt")]
    public static partial void FlagWriteFailed(ILogger logger, Exception error, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove the reload flag file {Path} after a successful reload")]
    public static partial void FlagRemoveFailed(ILogger logger, Exception error, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway unreachable since {Since:O}; ran the restart command {Command}: {Result}")]
    public static partial void RestartCommandRan(ILogger logger, DateTimeOffset since, string command, string result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write or remove the owed-reload record {Path}")]
    public static partial void OwedWriteFailed(ILogger logger, Exception error, string path);
}
