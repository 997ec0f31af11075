using System.Text.Json;
using SkillsOrleans.Contracts.Skills;

namespace SkillsOrleans.Grains.Skills;

/// <summary>
/// Reads the record a ClawHub install leaves in a skill folder (<c>.clawhub/origin.json</c>), when there is one.
/// A missing or unreadable record is simply no origin: it never makes the skill itself broken.
/// </summary>
public static class SkillOriginReader
{
    public static readonly string RelativePath = Path.Combine(".clawhub", "origin.json");
    private const long MaxBytes = 16 * 1024;

    public static DateTime? Stamp(string skillFolder)
    {
        var file = new FileInfo(Path.Combine(skillFolder, RelativePath));
        return file.Exists ? file.LastWriteTimeUtc : null;
    }

    public static SkillOrigin? Read(string skillFolder)
    {
        var file = new FileInfo(Path.Combine(skillFolder, RelativePath));
        if (!file.Exists || file.Length > MaxBytes || file.LinkTarget is not null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file.FullName));
            var root = document.RootElement;
            return root.ValueKind != JsonValueKind.Object
                ? null
                : new SkillOrigin(
                    "clawhub",
                    Text(root, "slug"),
                    Text(root, "installedVersion") ?? Text(root, "version"),
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
