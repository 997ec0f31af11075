using System.Text.Json;
using SkillsOrleans.Model.Skills;
using SkillsOrleans.RuntimeHost.Workspace;

namespace SkillsOrleans.RuntimeHost.Skills;

/// <summary>
/// Reads the record a ClawHub install leaves in a skill folder (<c>.clawhub/origin.json</c>, or the legacy
/// <c>.clawdhub/origin.json</c>): registry, slug, installed version and time (epoch milliseconds).
/// A missing or unreadable record is simply no origin: it never makes the skill itself broken.
/// </summary>
public static class SkillOriginReader
{
    private static readonly string[] RelativePaths = [Path.Combine(".clawhub", "origin.json"), Path.Combine(".clawdhub", "origin.json")];
    private const long MaxBytes = 16 * 1024;

    public static DateTime? Stamp(string skillFolder) => Locate(skillFolder)?.LastWriteTimeUtc;

    private static FileInfo? Locate(string skillFolder) =>
        RelativePaths.Select(p => new FileInfo(Path.Combine(skillFolder, p))).FirstOrDefault(f => f.Exists);

    /// <param name="skillFolder">The skill's folder.</param>
    /// <param name="realRoot">The real path of the skills root the record must lie in (see <see cref="WorkspaceFileReader.RealPath"/>).</param>
    public static SkillOrigin? Read(string skillFolder, string? realRoot = null)
    {
        var file = Locate(skillFolder);
        if (file is null)
        {
            return null;
        }

        try
        {
            // Not through a link, not a FIFO or device, not a hard link, not outside the root: otherwise simply no origin.
            if (WorkspaceFileReader.Read(file.FullName, MaxBytes, realRoot).Content is not { } content)
            {
                return null;
            }

            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            return root.ValueKind != JsonValueKind.Object
                ? null
                : new SkillOrigin(
                    "clawhub",
                    Text(root, "slug"),
                    Text(root, "installedVersion"),
                    Text(root, "registry"),
                    root.TryGetProperty("installedAt", out var at) && at.ValueKind == JsonValueKind.Number && at.TryGetInt64(out var ms)
                        ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                        : null);
        }
        catch (Exception error) when (error is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 200 } text
            ? text
            : null;
}
