using SkillsOrleans.Contracts.Credentials;

namespace SkillsOrleans.Grains.Credentials;

/// <summary>
/// Persisted form of a credential: the snapshot — status, version, fingerprint, who and when — and what makes a
/// repeated write safe: the nonce of the envelope last delivered and the last answers given to idempotency keys.
/// Never a value.
/// </summary>
[GenerateSerializer, Alias("skillsorleans.credential-state")]
public sealed class CredentialState
{
    /// <summary>How many idempotency keys a credential remembers; older ones are forgotten first.</summary>
    public const int RememberedWrites = 16;

    [Id(0)] public CredentialSnapshot? Current { get; set; }

    /// <summary>The nonce of the envelope whose value is the current version's (a public random value).</summary>
    [Id(1)] public string? DeliveredNonce { get; set; }

    [Id(2)] public List<IdempotentWrite> Writes { get; set; } = [];

    /// <summary>The answer a write with this key gave, if it was this actor's write of this kind.</summary>
    public CredentialSnapshot? AnswerFor(string? key, string actor, string operation)
    {
        if (key is null || Writes.Find(w => w.Key == key) is not { } earlier)
        {
            return null;
        }

        return earlier.Actor == actor && earlier.Operation == operation
            ? earlier.Result
            : throw new ArgumentException($"Idempotency-Key '{key}' was used for another request.", nameof(key));
    }

    public void Remember(string? key, string actor, string operation, CredentialSnapshot result)
    {
        if (key is null)
        {
            return;
        }

        Writes.RemoveAll(w => w.Key == key);
        Writes.Add(new IdempotentWrite(key, actor, operation, result));
        if (Writes.Count > RememberedWrites)
        {
            Writes.RemoveRange(0, Writes.Count - RememberedWrites);
        }
    }
}

/// <summary>A write made with an idempotency key, and what it answered.</summary>
[GenerateSerializer, Immutable, Alias("skillsorleans.idempotent-write")]
public sealed record IdempotentWrite(
    [property: Id(0)] string Key,
    [property: Id(1)] string Actor,
    [property: Id(2)] string Operation,
    [property: Id(3)] CredentialSnapshot Result);
