using System.Diagnostics;
using System.Text.Json;
using SkillsOrleans.RuntimeHost.Secrets;

namespace SkillsOrleans.UnitTests.Secrets;

/// <summary>Reads and prepares secret files the way an operator or OpenClaw would, independently of the store.</summary>
internal static class SecretFiles
{
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Resolves a SecretRef id (a JSON pointer) against the file, as OpenClaw's json file provider does.</summary>
    public static string? ResolvePointer(string path, string pointer)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var element = document.RootElement;
        foreach (var segment in pointer.Split('/')[1..])
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(segment, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    /// <summary>Writes a file created 0600, as a hand edit of a correctly set-up file would leave it.</summary>
    public static void WritePrivate(string path, string content)
    {
        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = Private,
        });
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    }

    public static UnixFileFacts Facts(string path) =>
        UnixFileFacts.TryInspect(path, out var facts) ? facts : throw new FileNotFoundException(path);

    public static void HardLink(string existing, string newName) => Run("ln", existing, newName);

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed: {error}");
    }
}
