using Microsoft.Extensions.Logging;

namespace SkillsOrleans.RuntimeHost.Secrets;

/// <summary>Everything the secret store logs: paths, refs, counts and fingerprints, never a value.</summary>
internal static partial class HostSecretStoreLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Host secret file {Path} is ready with {Entries} value(s)")]
    public static partial void Loaded(ILogger logger, string path, int entries);

    [LoggerMessage(Level = LogLevel.Error, Message = "Host secret file {Path} is refused and will not be written until it is fixed and the store reloaded: {Reason}")]
    public static partial void Faulted(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Host secret file {Path} was changed outside the store; read it again before writing")]
    public static partial void ChangedOnDisk(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored secret {SecretRef} in the host secret file (fingerprint {Fingerprint})")]
    public static partial void Stored(ILogger logger, string secretRef, string fingerprint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed secret {SecretRef} from the host secret file")]
    public static partial void Removed(ILogger logger, string secretRef);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write host secret file {Path} for {SecretRef}; the file keeps its previous content")]
    public static partial void WriteFailed(ILogger logger, Exception error, string path, string secretRef);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created fingerprint key {Path}")]
    public static partial void FingerprintKeyCreated(ILogger logger, string path);
}
