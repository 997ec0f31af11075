using System.Buffers;
using System.Text.Json;
using SkillsOrleans.RuntimeHost.Secrets;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// The note left for whatever supervises the gateway when it cannot be asked to reload: when the reload was first
/// requested, why, how many attempts failed and how. Written atomically and privately (0600, in a 0700 directory
/// when it has to create one), so a watcher sees a whole file or none; removed once a reload succeeds.
/// </summary>
internal static class ReloadFlagFile
{
    public static void Write(string path, DateTimeOffset requestedAt, DateTimeOffset writtenAt, string reason, int attempts, GatewayReloadFailure lastFailure)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("requestedAt", requestedAt);
            writer.WriteString("writtenAt", writtenAt);
            writer.WriteString("reason", reason);
            writer.WriteNumber("failedAttempts", attempts);
            writer.WriteString("lastFailure", lastFailure.ToString());
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        AtomicFile.Replace(path, buffer.WrittenSpan);
    }

    /// <summary>False when there was nothing to remove.</summary>
    public static bool Remove(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }
}
