using System.Text;
using System.Text.Json;
using SkillsOrleans.RuntimeHost.Secrets;

namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// The durable half of a pending reload: written (atomically, fsynced, 0600) before the change that needs the reload
/// is acknowledged, removed once the gateway confirmed a reload that covers it. A host that restarts with it present
/// owes its gateway a reload and resumes asking for one, so a revoked key cannot stay live in a gateway because the
/// runtime silo died between writing the secret file and the gateway's confirmation.
/// </summary>
internal static class ReloadOwedFile
{
    public static void Write(string path, DateTimeOffset since, string reason) =>
        AtomicFile.Replace(path, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Owed(since, reason)) + "\n"));

    /// <summary>The reload owed, if the file is there; a file that cannot be read still means one is owed.</summary>
    public static Owed? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Owed>(File.ReadAllText(path)) ?? new Owed(null, "unreadable record");
        }
        catch (Exception error) when (error is JsonException or IOException or UnauthorizedAccessException)
        {
            return new Owed(null, "unreadable record");
        }
    }

    public static void Remove(string path) => File.Delete(path);

    public sealed record Owed(DateTimeOffset? Since, string Reason);
}
