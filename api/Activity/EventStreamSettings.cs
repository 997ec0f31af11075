namespace SkillsOrleans.Api.Activity;

/// <summary>
/// The live event stream's timing and limits, read once at start: <c>Events:HeartbeatInterval</c> (a ping when idle,
/// default 15 s), <c>Events:RecheckInterval</c> (how often an open stream checks that its caller is still a member,
/// default 30 s; the token's expiry ends a stream at that moment) and <c>Events:MaxStreamsPerUser</c> (open streams
/// per user on one API instance, default 4). A value out of range stops the API.
/// </summary>
public sealed record EventStreamSettings(TimeSpan HeartbeatInterval, TimeSpan RecheckInterval, int MaxStreamsPerUser)
{
    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan DefaultRecheckInterval = TimeSpan.FromSeconds(30);

    public const int DefaultMaxStreamsPerUser = 4;

    public static EventStreamSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var maxStreams = configuration.GetValue("Events:MaxStreamsPerUser", DefaultMaxStreamsPerUser);
        return new EventStreamSettings(
            Interval(configuration, "Events:HeartbeatInterval", DefaultHeartbeatInterval),
            Interval(configuration, "Events:RecheckInterval", DefaultRecheckInterval),
            maxStreams is >= 1 and <= 1000 ? maxStreams : throw new InvalidOperationException("Events:MaxStreamsPerUser must be from 1 to 1000."));
    }

    private static TimeSpan Interval(IConfiguration configuration, string key, TimeSpan fallback)
    {
        var interval = configuration.GetValue(key, fallback);
        return interval >= TimeSpan.FromSeconds(1) && interval <= TimeSpan.FromHours(1)
            ? interval
            : throw new InvalidOperationException($"{key} must be between 00:00:01 and 01:00:00.");
    }
}
