namespace SkillsOrleans.Api.Dashboard;

/// <summary>
/// <c>Dashboard:SessionLifetime</c> (environment <c>Dashboard__SessionLifetime</c>, a time span, default 30 minutes,
/// 1 minute to 12 hours): how long a dashboard session cookie is valid at most. Out of range stops the API.
/// </summary>
public sealed record DashboardSettings(TimeSpan SessionLifetime)
{
    public static readonly TimeSpan DefaultSessionLifetime = TimeSpan.FromMinutes(30);

    public static DashboardSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var lifetime = configuration.GetValue("Dashboard:SessionLifetime", DefaultSessionLifetime);
        return lifetime >= TimeSpan.FromMinutes(1) && lifetime <= TimeSpan.FromHours(12)
            ? new DashboardSettings(lifetime)
            : throw new InvalidOperationException("Dashboard:SessionLifetime must be between 00:01:00 and 12:00:00.");
    }
}
