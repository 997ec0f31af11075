namespace SkillsOrleans.RuntimeHost.Sealing;

/// <summary>
/// The nonces of envelopes this host has opened, each kept until its envelope expires (after which the expiry
/// check refuses it anyway). In memory only: across a restart, the credential version, which is never reused,
/// stops an old envelope. Bounded: when full of unexpired nonces it refuses new ones rather than forget one.
/// </summary>
public sealed class SeenNonceCache
{
    public const int DefaultCapacity = 10_000;

    private readonly Dictionary<string, long> expiryByNonce = new(StringComparer.Ordinal);
    private readonly int capacity;

    public SeenNonceCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (expiryByNonce)
            {
                return expiryByNonce.Count;
            }
        }
    }

    public bool HasSeen(string nonce, long nowUnixSeconds)
    {
        lock (expiryByNonce)
        {
            return expiryByNonce.TryGetValue(nonce, out var expiresAt) && expiresAt > nowUnixSeconds;
        }
    }

    /// <summary>Records a nonce until <paramref name="expiresAtUnixSeconds"/>; atomic, so one of two racing opens wins.</summary>
    public NonceAdmission TryRemember(string nonce, long expiresAtUnixSeconds, long nowUnixSeconds)
    {
        lock (expiryByNonce)
        {
            if (HasSeen(nonce, nowUnixSeconds))
            {
                return NonceAdmission.AlreadySeen;
            }

            if (expiryByNonce.Count >= capacity)
            {
                EvictExpired(nowUnixSeconds);
                if (expiryByNonce.Count >= capacity)
                {
                    return NonceAdmission.Full;
                }
            }

            expiryByNonce[nonce] = expiresAtUnixSeconds;
            return NonceAdmission.Remembered;
        }
    }

    private void EvictExpired(long nowUnixSeconds)
    {
        foreach (var (nonce, expiresAt) in expiryByNonce)
        {
            if (expiresAt <= nowUnixSeconds)
            {
                expiryByNonce.Remove(nonce);
            }
        }
    }
}

public enum NonceAdmission
{
    Remembered = 1,
    AlreadySeen = 2,
    Full = 3,
}
