namespace SkillsOrleans.CrashHarness;

public enum OperationKind
{
    /// <summary>An agent's request file (the first one, or again after a revocation).</summary>
    Request,
    /// <summary>The first value of a pending credential.</summary>
    Submit,
    /// <summary>A new value for an active credential.</summary>
    Rotate,
    Revoke,
}

public enum OperationOutcome
{
    /// <summary>A 2xx answer (for a request: the pending credential was seen).</summary>
    Acknowledged,
    /// <summary>Every attempt was answered 4xx: nothing was done.</summary>
    Refused,
    /// <summary>No attempt was acknowledged and at least one got no answer, a 5xx or a timeout: it may have been done.</summary>
    Unknown,
}

/// <summary>One operation of the workload on one credential, with every attempt made for it (all with one idempotency key).</summary>
public sealed class OperationRecord(OperationKind kind, string? value, int expectedVersion)
{
    public OperationKind Kind { get; } = kind;

    /// <summary>The plaintext submitted (a random test-only value); null for a revocation or request.</summary>
    public string? Value { get; } = value;

    public int ExpectedVersion { get; } = expectedVersion;

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public List<string> Attempts { get; } = [];

    public OperationOutcome Outcome { get; set; } = OperationOutcome.Unknown;

    /// <summary>The status and version the acknowledgement named.</summary>
    public string? AckStatus { get; set; }

    public int? AckVersion { get; set; }

    /// <summary>Acknowledged while one of the two APIs was down.</summary>
    public bool AckedWhileAnApiWasDown { get; set; }

    public bool Stores => Kind is OperationKind.Submit or OperationKind.Rotate;

    public override string ToString() =>
        $"{Kind} (expected v{ExpectedVersion}) → {Outcome}{(AckVersion is { } v ? $" {AckStatus} v{v}" : "")} [{string.Join(", ", Attempts)}]";
}
