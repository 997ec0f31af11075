namespace SkillsOrleans.Grains.Webhooks;

/// <summary>
/// An account's webhook as stored: the URL (which may carry the receiver's own token, so it is never shown back) and
/// where delivery stands in the account's audit trail. <see cref="SettledThrough"/>: every row up to this id is sent or
/// not to be sent; <see cref="HandledAbove"/>: rows above it already handled, kept until they settle (ids are handed
/// out before rows commit, so a lower id may still appear for a few seconds).
/// </summary>
public sealed class WebhookState
{
    public string? Url { get; set; }

    public string ConfiguredBy { get; set; } = "";

    public DateTimeOffset ConfiguredAt { get; set; }

    public long SettledThrough { get; set; }

    public List<long> HandledAbove { get; set; } = [];

    public long Delivered { get; set; }

    public DateTimeOffset? LastDeliveredAt { get; set; }

    public int ConsecutiveFailures { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }
}
