namespace SkillsOrleans.RuntimeHost.OpenClaw;

/// <summary>
/// openclaw.json was not written and keeps its last good content. The message names the file, the reason and the
/// offending paths, never a value from the file or a validator's raw output.
/// </summary>
public sealed class OpenClawConfigRejectedException : Exception
{
    public OpenClawConfigRejectedException(OpenClawConfigRejection reason, string detail, IReadOnlyList<OpenClawConfigIssue>? issues = null, string? path = null, Exception? innerException = null)
        : base(Describe(reason, detail, issues ?? [], path), innerException)
    {
        Reason = reason;
        Detail = detail;
        Issues = issues ?? [];
        Path = path;
    }

    public OpenClawConfigRejection Reason { get; }

    public string Detail { get; }

    public IReadOnlyList<OpenClawConfigIssue> Issues { get; }

    /// <summary>The config file, when the rejection came from reading or writing one.</summary>
    public string? Path { get; }

    /// <summary>The same rejection, now naming the file it concerns.</summary>
    internal OpenClawConfigRejectedException At(string path) => new(Reason, Detail, Issues, path, this);

    private static string Describe(OpenClawConfigRejection reason, string detail, IReadOnlyList<OpenClawConfigIssue> issues, string? path)
    {
        var subject = path is null ? "The OpenClaw config" : $"The OpenClaw config '{path}'";
        var listed = issues.Count == 0 ? "" : " " + string.Join("; ", issues.Take(10)) + (issues.Count > 10 ? $"; and {issues.Count - 10} more" : "");
        return $"{subject} was not changed ({reason}): {detail}.{listed}";
    }
}
