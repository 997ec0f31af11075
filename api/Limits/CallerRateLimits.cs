using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using SkillsOrleans.Api.Auth;
using SkillsOrleans.Api.Errors;

namespace SkillsOrleans.Api.Limits;

/// <summary>
/// Every request is limited per caller, with no opt-in per endpoint, in two token buckets:
/// writes (any method but GET, HEAD, OPTIONS and TRACE) — <see cref="RequestLimitSettings.WriteBurst"/> at once,
/// refilled at <see cref="RequestLimitSettings.WritesPerMinute"/> — and reads by an authenticated user, generously —
/// <see cref="RequestLimitSettings.ReadBurst"/>, refilled at <see cref="RequestLimitSettings.ReadsPerMinute"/>.
/// Authenticated callers are counted by their <c>sub</c>, so one user's script cannot use up another's allowance;
/// a write without a valid token (only an anonymous endpoint or an unknown route lets one this far) is counted by its
/// remote address. Anonymous reads (health, the admin page's files) are not limited here. A refused request answers
/// 429 with <c>Retry-After</c> and problem details, before the endpoint runs.
/// </summary>
public static class CallerRateLimits
{
    public static IServiceCollection AddCallerRateLimits(this IServiceCollection services, RequestLimitSettings settings)
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
    public static void UseCallerRateLimits(this WebApplication app) => app.UseRateLimiter();

    /// <summary>Any method but the safe ones (RFC 9110 §9.2.1) counts as a write.</summary>
    public static bool IsWrite(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    private static RateLimitPartition<string> Partition(HttpContext http, RequestLimitSettings settings)
    {
        var subject = http.User.SubjectOf();
        if (!IsWrite(http.Request.Method))
        {
            return subject is null
                ? RateLimitPartition.GetNoLimiter("anonymous-read")
                : RateLimitPartition.GetTokenBucketLimiter("read:" + subject, _ => Bucket(settings.ReadsPerMinute, settings.ReadBurst));
        }

        var key = subject is not null
            ? "sub:" + subject
            : "address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => Bucket(settings.WritesPerMinute, settings.WriteBurst));
    }

    /// <summary>
    /// Above one request a second the bucket is refilled every second rather than every fraction of one: the
    /// partitioned limiter tops buckets up on a 100 ms tick, so shorter periods would be rounded down.
    /// </summary>
    private static TokenBucketRateLimiterOptions Bucket(int perMinute, int burst)
    {
        var perSecond = perMinute > 60;
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond ? (perMinute + 59) / 60 : 1,
            ReplenishmentPeriod = perSecond ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(1) / perMinute,
            QueueLimit = 0,
            AutoReplenishment = false,
        };
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        var http = context.HttpContext;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var (code, what) = IsWrite(http.Request.Method) ? (ProblemCodes.TooManyWrites, "writes") : (ProblemCodes.TooManyReads, "reads");
        await ProblemResponse.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests", code,
            $"Too many {what} from this caller; try again in {seconds} s. Nothing was done.");
    }
}
