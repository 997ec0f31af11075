using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillsOrleans.CrashHarness;

/// <summary>
/// What a runtime host holds on disk right now: its secret file (<c>account → skill → key → value</c>) and its
/// openclaw.json, each read once. A file that exists must be valid JSON and mode 0600; <see cref="Problems"/> says
/// which is not.
/// </summary>
public sealed class HostFiles
{
    private const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private HostFiles(JsonNode? secrets, JsonNode? config, IReadOnlyList<string> problems)
    {
        Secrets = secrets;
        Config = config;
        Problems = problems;
    }

    public JsonNode? Secrets { get; }

    public JsonNode? Config { get; }

    public IReadOnlyList<string> Problems { get; }

    public static HostFiles Read(RuntimeHostLayout host)
    {
        var problems = new List<string>();
        var secrets = ReadJson(host.SecretsFile, "secret file", problems);
        var config = ReadJson(host.ConfigPath, "openclaw.json", problems);
        return new HostFiles(secrets, config, problems);
    }

    /// <summary>The value stored at <c>/account/skill/key</c>, or null.</summary>
    public string? SecretValue(string account, string skillKey, string keyName) =>
        Secrets?[account]?[skillKey]?[keyName] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>
    /// What openclaw.json says for the key: for a primary env, the pointer of the <c>apiKey</c> file SecretRef that
    /// the host wrote; for any other key, its <c>env</c> value. Null when there is no such entry.
    /// </summary>
    public string? ConfigEntry(string skillKey, string keyName, bool isPrimaryEnv)
    {
        var entry = Config?["skills"]?["entries"]?[skillKey];
        if (isPrimaryEnv)
        {
            return entry?["apiKey"] is JsonObject reference && Text(reference["source"]) == "file" && Text(reference["provider"]) == "skillsorleans"
                ? Text(reference["id"])
                : null;
        }

        return Text(entry?["env"]?[keyName]);
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static JsonNode? ReadJson(string path, string name, List<string> problems)
    {
        byte[] content;
        UnixFileMode mode;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
            mode = File.GetUnixFileMode(handle);
            content = new byte[RandomAccess.GetLength(handle)];
            RandomAccess.Read(handle, content, 0);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        if (mode != PrivateMode)
        {
            problems.Add($"{name} {path} has mode {Convert.ToString((int)mode, 8)}, not 600");
        }

        try
        {
            return JsonNode.Parse(content);
        }
        catch (JsonException error)
        {
            problems.Add($"{name} {path} is not valid JSON (line {error.LineNumber + 1})");
            return null;
        }
    }
}
