namespace SkillsOrleans.RuntimeHost.Requests;

/// <summary>Why a request file went to <c>failed/</c>; written into its <c>.error.json</c> as a stable code.</summary>
public enum RequestRejection
{
    InvalidName,
    NotARegularFile,
    TooLarge,
    InvalidJson,
    InvalidFields,
    UnknownSkill,
    BrokenSkill,
    UndeclaredKey,
    Refused,

    /// <summary>An admin declined this key; the error carries the admin's reason.</summary>
    Declined,
}

public sealed class RequestRejectedException(RequestRejection reason, string message) : Exception(message)
{
    public RequestRejection Reason { get; } = reason;

    /// <summary>The code written to the error file: <c>invalid_json</c>, <c>unknown_skill</c>, …</summary>
    public string Code => ToCode(Reason);

    public static string ToCode(RequestRejection reason) =>
        string.Concat(reason.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
