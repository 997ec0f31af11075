using SkillsOrleans.RuntimeHost.Sealing;

namespace SkillsOrleans.UnitTests.Sealing;

public sealed class SeenNonceCacheTests
{
    [Fact]
    public void Remembers_a_nonce_until_its_expiry()
    {
        var cache = new SeenNonceCache();

        Assert.Equal(NonceAdmission.Remembered, cache.TryRemember("n1", expiresAtUnixSeconds: 200, nowUnixSeconds: 100));
        Assert.Equal(NonceAdmission.AlreadySeen, cache.TryRemember("n1", 200, 199));
        Assert.True(cache.HasSeen("n1", 199));
        Assert.False(cache.HasSeen("n1", 200));
    }

    [Fact]
    public void Makes_room_only_by_evicting_expired_nonces()
    {
        var cache = new SeenNonceCache(capacity: 2);
        cache.TryRemember("short", 150, 100);
        cache.TryRemember("long", 300, 100);

        Assert.Equal(NonceAdmission.Full, cache.TryRemember("third", 300, 149));
        Assert.Equal(NonceAdmission.Remembered, cache.TryRemember("third", 300, 150));
        Assert.Equal(2, cache.Count);
        Assert.True(cache.HasSeen("long", 150));
    }

    [Fact]
    public void Lets_exactly_one_of_many_racing_callers_remember_a_nonce()
    {
        var cache = new SeenNonceCache();

        var outcomes = Enumerable.Range(0, 64).AsParallel().Select(_ => cache.TryRemember("same", 200, 100)).ToList();

        Assert.Single(outcomes, outcome => outcome == NonceAdmission.Remembered);
    }
}
