namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// One reason openclaw.json would not validate: a dotted path as OpenClaw prints it (<c>skills.entries.trello.env</c>)
/// and what is wrong there. Neither ever contains a value from the file.
/// </summary>
public sealed record OpenClawConfigIssue(string Path, string Message)
{
    private const int MaxLength = 300;

    public override string ToString() => $"{Path}: {Message}";

    /// <summary>An issue whose text came from outside (a validator's output): bounded and free of control characters.</summary>
    internal static OpenClawConfigIssue FromUntrusted(string path, string message) => new(Clean(path), Clean(message));

    private static string Clean(string value)
    {
        var clipped = value.Length > MaxLength ? value[..MaxLength] + "…" : value;
        return new string([.. clipped.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
    }
}
