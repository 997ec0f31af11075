using Microsoft.Extensions.Logging;
using SkillsOrleans.Sealing;

namespace SkillsOrleans.RuntimeHost.Sealing;

/// <summary>
/// A host's previous sealing key after a rotation, kept only while envelopes sealed to it can still be valid: a page
/// that fetched the old public key just before the rotation can still deliver. After that the file is deleted, so
/// the old key opens nothing ever again.
/// </summary>
public sealed partial class RetiredSealingKey(RuntimeSealingKey key, DateTimeOffset acceptedUntil) : IDisposable
{
    public RuntimeSealingKey Key { get; } = key;

    public DateTimeOffset AcceptedUntil { get; } = acceptedUntil;

    public static string PathFor(string keyPath) => Path.GetFullPath(keyPath) + ".retired";

    /// <summary>The retired key beside <paramref name="keyPath"/> while it is still accepted; deleted once it is not.</summary>
    public static RetiredSealingKey? LoadIfStillAccepted(string keyPath, TimeProvider clock, ILogger logger)
    {
        var path = PathFor(keyPath);
        if (!File.Exists(path))
        {
            return null;
        }

        var acceptedUntil = new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero) + SealedSecretFormat.MaxLifetime;
        if (acceptedUntil <= clock.GetUtcNow())
        {
            File.Delete(path);
            LogForgotten(logger, path);
            return null;
        }

        var key = RuntimeSealingKey.Load(path);
        LogAccepted(logger, key.Fingerprint, acceptedUntil);
        return new RetiredSealingKey(key, acceptedUntil);
    }

    public bool Accepts(string kid, TimeProvider clock) =>
        string.Equals(kid, Key.Fingerprint, StringComparison.Ordinal) && clock.GetUtcNow() < AcceptedUntil;

    public void Dispose() => Key.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Retired sealing key {Kid} opens envelopes sealed to it until {AcceptedUntil}")]
    private static partial void LogAccepted(ILogger logger, string kid, DateTimeOffset acceptedUntil);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted the retired sealing key {Path}: no envelope sealed to it can still be valid")]
    private static partial void LogForgotten(ILogger logger, string path);
}
