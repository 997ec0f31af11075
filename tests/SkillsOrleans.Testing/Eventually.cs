namespace SkillsOrleans.Testing;

/// <summary>
/// Polls until something the system does in the background has happened. A timeout fails the test with what was
/// awaited, rather than hanging it.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null) =>
        await ValueAsync(condition, done => done, timeout);

    /// <summary>The first value read that satisfies <paramref name="done"/>.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTimeOffset.UtcNow + limit;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The awaited condition did not hold within {limit.TotalSeconds:0} s; last value: {value}.");
            }

            await Task.Delay(PollInterval);
        }
    }
}
