using System.Globalization;

namespace SkillsOrleans.Api.Limits;

/// <summary>
/// How often one caller may write and read, and how large a request body may be. Read once at start from
/// <c>RateLimits:WritesPerMinute</c>, <c>RateLimits:WriteBurst</c>, <c>RateLimits:ReadsPerMinute</c>,
/// <c>RateLimits:ReadBurst</c> and <c>Limits:MaxRequestBodyBytes</c>
/// (environment <c>RateLimits__WritesPerMinute</c>, …). A value that is not a whole number in range stops the API
/// rather than leaving it without a limit.
/// </summary>
public sealed record RequestLimitSettings(int WritesPerMinute, int WriteBurst, int ReadsPerMinute, int ReadBurst, long MaxRequestBodyBytes)
{
    public const int DefaultWritesPerMinute = 30;

    public const int DefaultWriteBurst = 10;

    /// <summary>Ten a second on average: far above what the admin page and the fleet view read (a page load is a few dozen).</summary>
    public const int DefaultReadsPerMinute = 600;

    public const int DefaultReadBurst = 120;

    /// <summary>A 16 KiB secret, JSON-escaped, in its envelope, fits with room to spare; nothing the API takes is larger.</summary>
    public const long DefaultMaxRequestBodyBytes = 64 * 1024;

    public static RequestLimitSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new RequestLimitSettings(
            (int)WholeNumber(configuration, "RateLimits:WritesPerMinute", DefaultWritesPerMinute, 100_000),
            (int)WholeNumber(configuration, "RateLimits:WriteBurst", DefaultWriteBurst, 100_000),
            (int)WholeNumber(configuration, "RateLimits:ReadsPerMinute", DefaultReadsPerMinute, 100_000),
            (int)WholeNumber(configuration, "RateLimits:ReadBurst", DefaultReadBurst, 100_000),
            WholeNumber(configuration, "Limits:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes, 100 * 1024 * 1024));
    }

    private static long WholeNumber(IConfiguration configuration, string key, long fallback, long maximum)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= maximum
            ? value
            : throw new InvalidOperationException($"{key} must be a whole number from 1 to {maximum}.");
    }
}
