namespace SkillsOrleans.CrashHarness;

/// <summary>What one HTTP attempt got: a status and body, or no answer at all (a refused or dropped connection, a timeout).</summary>
public sealed record ApiAnswer(string Api, int? Status, string Body, string? Failure)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>An answer that says nothing was done (4xx): the write is known not to have happened.</summary>
    public bool IsRefusal => Status is >= 400 and < 500 and not 408 and not 429;

    /// <summary>No answer, or one (5xx, 408, 429) after which the write may or may not have happened.</summary>
    public bool IsUnknown => !IsSuccess && !IsRefusal;

    /// <summary>The connection could not be made: worth trying the other API at once.</summary>
    public bool IsConnectionFailure => Failure is not null && Failure.StartsWith("connection", StringComparison.Ordinal);

    public override string ToString() => Status is { } status ? $"{Api}: {status}" : $"{Api}: {Failure}";
}
