using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace SkillsOrleans.ClusterTests;

/// <summary>
/// The API in-process (TestServer), as an Orleans client of a cluster in the given database; with
/// <paramref name="logs"/>, every entry it writes, at every level, goes there too.
/// </summary>
public sealed class ApiHostFactory(
    string connectionString, string clusterId, string environment, IDictionary<string, string>? settings = null, CapturedLogs? logs = null)
    : WebApplicationFactory<Program>
{
    /// <summary>
    /// Write and read limits far above what any test does, for stacks that many tests share (each request counts,
    /// and the default allows ten writes at once); the limit tests set their own.
    /// </summary>
    public static IReadOnlyDictionary<string, string> GenerousRateLimits { get; } = new Dictionary<string, string>
    {
        ["RateLimits:WriteBurst"] = "100000",
        ["RateLimits:WritesPerMinute"] = "100000",
        ["RateLimits:ReadBurst"] = "100000",
        ["RateLimits:ReadsPerMinute"] = "100000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:Postgres", connectionString);
        builder.UseSetting("Orleans:ClusterId", clusterId);
        builder.UseSetting("Orleans:ServiceId", "skillsorleans-tests");
        // The test silos speak plain TCP (Development); cluster TLS has its own tests (SkillsOrleans.SecurityTests).
        builder.UseSetting("Orleans:Tls:AllowPlaintext", "true");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (logs is not null)
        {
            builder.ConfigureLogging(logging => logging
                .SetMinimumLevel(LogLevel.Trace)
                .AddProvider(logs)
                .AddFilter<CapturedLogs>(null, LogLevel.Trace));
        }
    }
}
