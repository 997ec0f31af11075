using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using SkillsOrleans.Api.Auth;
using SkillsOrleans.Api.Errors;

namespace SkillsOrleans.Api.Limits;

/// <summary>
/// Every write (any method but GET, HEAD, OPTIONS and TRACE) is limited per caller, with no opt-in per endpoint: a
/// token bucket of <see cref="RequestLimitSettings.WriteBurst"/> writes, refilled at
/// <see cref="RequestLimitSettings.WritesPerMinute"/>. Authenticated callers are counted by their <c>sub</c>, so one
/// admin's script cannot use up another's allowance; a write without a valid token (only an anonymous endpoint
/// or an unknown route lets one this far) is counted by its remote address. Reads are not limited.
/// A refused write answers 429 with <c>Retry-After</c> and problem details, before the endpoint runs.
/// </summary>
public static class WriteRateLimits
{
    public static IServiceCollection AddWriteRateLimits(this IServiceCollection services, RequestLimitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, settings));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
        });
    }

    /// <summary>After authentication, so that the caller's <c>sub</c> is known.</summary>
    public static void UseWriteRateLimits(this WebApplication app) => app.UseRateLimiter();

    /// <summary>Any method but the safe ones (RFC 9110 §9.2.1) counts as a write.</summary>
    public static bool IsWrite(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    private static RateLimitPartition<string> Partition(HttpContext http, RequestLimitSettings settings)
    {
        if (!IsWrite(http.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("read");
        }

        var key = http.User.SubjectOf() is { } subject
            ? "sub:" + subject
            : "address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => Bucket(settings));
    }

    /// <summary>
    /// Above one write a second the bucket is refilled every second rather than every fraction of one: the
    /// partitioned limiter tops buckets up on a 100 ms tick, so shorter periods would be rounded down.
    /// </summary>
    private static TokenBucketRateLimiterOptions Bucket(RequestLimitSettings settings)
    {
        var perSecond = settings.WritesPerMinute > 60;
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.WriteBurst,
            TokensPerPeriod = perSecond ? (settings.WritesPerMinute + 59) / 60 : 1,
            ReplenishmentPeriod = perSecond ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(1) / settings.WritesPerMinute,
            QueueLimit = 0,
            AutoReplenishment = false,
        };
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ProblemResponse.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"Too many writes from this caller; try again in {seconds} s. Nothing was done.");
    }
}
