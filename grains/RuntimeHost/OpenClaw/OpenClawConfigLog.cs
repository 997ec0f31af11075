using Microsoft.Extensions.Logging;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>Everything the config writer logs: paths, counts and reasons, never a value or a validator's raw output.</summary>
internal static partial class OpenClawConfigLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote OpenClaw config {Path}: {Managed} key(s) managed by this host")]
    public static partial void Written(ILogger logger, string path, int managed);

    [LoggerMessage(Level = LogLevel.Debug, Message = "OpenClaw config {Path} already matches the {Managed} key(s) managed by this host; not rewritten")]
    public static partial void Unchanged(ILogger logger, string path, int managed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenClaw config {Path} changed while a new version was being prepared; merging again")]
    public static partial void ChangedWhileWriting(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "OpenClaw config {Path} was not changed ({Reason}); it keeps its last good content: {Detail} ({Issues} issue(s))")]
    public static partial void Rejected(ILogger logger, string path, OpenClawConfigRejection reason, string detail, int issues);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write OpenClaw config {Path}; it keeps its previous content")]
    public static partial void WriteFailed(ILogger logger, Exception error, string path);
}
